// Runs a TypeScript entry point without a build, for child processes that tests start and kill
// (the sync worker): each .ts file is transpiled on require with the project's compiler options.
// Types are checked by `tsc --noEmit` in `npm test`, not here.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const { config } = ts.readConfigFile(path.join(__dirname, '..', 'tsconfig.json'), ts.sys.readFile);
const compilerOptions = { ...ts.convertCompilerOptionsFromJson(config.compilerOptions, path.join(__dirname, '..')).options, sourceMap: false, inlineSourceMap: true };

require.extensions['.ts'] = (module, filename) => {
  const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(output.outputText, filename);
};
