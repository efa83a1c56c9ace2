export const onPullRequestCreated = async () => {};
