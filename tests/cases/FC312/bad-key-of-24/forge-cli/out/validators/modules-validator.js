// A stand-in for @forge/manifest's validator: the line the hook reads its limit from.
if (f.key.length > 23) {
  errors.push('function key too long');
}
