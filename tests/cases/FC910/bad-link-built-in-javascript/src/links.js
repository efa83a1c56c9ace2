export const installLink = (appId, signature) =>
  `https://developer.atlassian.com/console/install/${appId}?signature=${signature}&product=bitbucket`;
