const handler = () => null;

module.exports = {
  handler,
};
