export const run = () => ({});
