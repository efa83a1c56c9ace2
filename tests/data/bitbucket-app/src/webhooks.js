export const onPush = async (event) => {
  console.log(event.repository);
};
