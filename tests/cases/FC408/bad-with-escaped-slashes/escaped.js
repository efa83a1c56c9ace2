const x = "https:\u002F\u002Fdeveloper.atlassian.com\u002Fconsole\u002Finstall\u002F6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64?signature=c4e19a07b2d8&product=bitbucket";
