// A stand-in for @forge/manifest's messages: the block the hook reads deprecations from.
exports.errors = {
  deprecationInfo: {
    app: {
      name: 'app.name is deprecated'
    }
  }
};
