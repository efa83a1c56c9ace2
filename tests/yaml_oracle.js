// Parses each file given with the npm `yaml` package that @forge/manifest
// uses (as Forge parses manifest.yml: `yaml.parse`, which throws on an error)
// and prints one JSON line per file: whether it parsed, and what it holds
// (through JSON.stringify, as Forge passes it on to its validator).
// Usage: node yaml_oracle.js PACKAGE_DIR FILE...
const fs = require('fs');
const [packageDir, ...files] = process.argv.slice(2);
const yaml = require(require.resolve('yaml', { paths: [packageDir] }));

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  let answer;
  try {
    answer = { file, parsed: true, value: yaml.parse(text) };
  } catch (error) {
    answer = { file, parsed: false, error: String(error.message).split('\n')[0] };
  }
  console.log(JSON.stringify(answer));
}
