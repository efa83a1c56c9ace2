// Runs the client-side linters of the npm package @forge/lint that read an
// app's code against its manifest (storage, SQL, object store, LLM, the
// deprecated storage export), the handlers' exports and the functions'
// timeouts, as `forge lint` runs them, offline: the API specs its permission
// linter reads are empty files.
// Usage: node forge_lint_oracle.js LINT_PACKAGE_DIR FOLDER... (each FOLDER an
// app: manifest.yml and the source files under src/). One JSON line per folder.
// With ALL_LINTERS=1 in the environment, every client-side linter runs, as
// `forge lint` runs them (for the benchmark), with no feature gate open.
const fs = require('fs');
const path = require('path');
const [lintDir, ...folders] = process.argv.slice(2);
const lint = require(lintDir);
const yaml = require(require.resolve('yaml', { paths: [lintDir] }));
const linter = (name) => require(path.join(lintDir, 'out', 'lint', 'linters', name));
const logger = { info() {}, debug() {}, warn() {}, error() {}, trace() {}, verbose() {} };

function sources(folder) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(folder, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(jsx?|tsx?)$/.test(entry.name)) found.push(relative);
    }
  };
  walk('src');
  return found;
}

(async () => {
  for (const folder of folders) {
    process.chdir(folder);
    let issues = [];
    try {
      const manifest = yaml.parse(fs.readFileSync('manifest.yml', 'utf8'));
      const env = 'development';
      const gates = {
        checkGate: async () => false,
        getDeprecatedRuntimes: async () => []
      };
      const linters = process.env.ALL_LINTERS
        ? await lint.getClientSideLintersOnly(manifest, env, logger, gates)
        : [
            'permission-linter/permission-linter.PermissionLinter',
            'storage-module-linter/storage-module-linter.StorageModulesLinter',
            'llm-module-linter/llm-module-linter.LlmModuleLinter',
            'deprecated-api-module-linter/deprecated-api-module-linter.DeprecatedApiModuleLinter',
            'handler-linter/handler-linter.HandlerLinter'
          ]
            .map((name) => {
              const [file, type] = name.split('.');
              return new (linter(file)[type])(env, manifest, logger);
            })
            .concat([
              new (linter('function-timeout-linter/function-timeout-linter').FunctionTimeoutLinter)(
                manifest,
                logger
              )
            ]);
      const results = await lint.lint(sources(folder), manifest, env, logger, gates, { linters });
      for (const result of results) {
        for (const [level, list] of [['error', result.errors], ['warning', result.warnings]]) {
          for (const issue of list) {
            issues.push({ level, file: result.file, line: issue.line, message: issue.message });
          }
        }
      }
    } catch (error) {
      issues = [{ level: 'error', file: '', line: 0, message: `threw: ${error.message}` }];
    }
    console.log(JSON.stringify({ folder, issues }));
  }
})();
