export const run = async () => {};
