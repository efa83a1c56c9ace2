export const installLink =
  'https://developer.atlassian.com/console/install/0b9e4d2c-5a7f-4e13-8c6d-2f1a9b3e7c50?signature=c4e19a07b2d85f36c4e19a07b2d85f36c4e19a07b2d85f36c4e19a07b2d85f36&product=bitbucket';
