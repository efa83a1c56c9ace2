// Runs Forge's own manifest validation (the FullValidationProcessor of the
// npm package @forge/manifest, as `forge lint` does) on each folder given,
// each holding a manifest.yml, and prints one JSON line per folder.
// Usage: node forge_oracle.js PACKAGE_DIR FOLDER...
const path = require('path');
const [packageDir, ...folders] = process.argv.slice(2);
const forge = require(packageDir);

(async () => {
  // One processor for every folder: it compiles Forge's schema once.
  const processor = new forge.FullValidationProcessor({});
  for (const folder of folders) {
    process.chdir(folder);
    let result;
    try {
      result = await processor.process(path.join(folder, 'manifest.yml'));
    } catch (error) {
      result = { errors: [{ level: 'error', message: `threw: ${error.message}`, line: 0 }] };
    }
    const errors = (result.errors || []).map((e) => ({
      level: e.level,
      line: e.line,
      reference: e.reference,
      message: String(e.message).slice(0, 300)
    }));
    console.log(JSON.stringify({ folder, errors }));
  }
})();
