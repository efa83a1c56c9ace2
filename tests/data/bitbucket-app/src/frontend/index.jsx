import React from 'react';
export default () => null;
