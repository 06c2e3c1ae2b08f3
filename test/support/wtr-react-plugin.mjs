// React for the browser tests. React 19 ships CommonJS only and the test runner serves ES
// modules only, so this plugin pre-bundles react, react-dom and the JSX runtimes with esbuild
// once per run (code-split: every entry shares one copy of React, so hooks see one dispatcher)
// and redirects the bare imports to the bundles under /__react/.
//
//   export default { plugins: [reactModules()], … };
//
// `from` (or RTDASH_TEST_REACT_FROM) names another folder to take React from, to run the same
// tests on another React version: `npm install --prefix /tmp/react18 react@18 react-dom@18`,
// then `RTDASH_TEST_REACT_FROM=/tmp/react18 npx web-test-runner "widgets/react/*.test.tsx"`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const PREFIX = '/__react/';
/** Bare specifier → the bundle's file name. */
const ENTRIES = {
  react: 'react',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
  'react/jsx-runtime': 'jsx-runtime',
  'react/jsx-dev-runtime': 'jsx-dev-runtime',
};

/**
 * An ES module facade over a CommonJS package: esbuild gives a CJS entry only a default
 * export, so the named exports are listed from what the package exports in Node.
 */
function facade(require, specifier) {
  const names = Object.keys(require(specifier)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return `import m from ${JSON.stringify(specifier)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

export function reactModules({ mode = 'development', from = process.env.RTDASH_TEST_REACT_FROM ?? process.cwd() } = {}) {
  const require = createRequire(join(from, 'package.json'));
  /** @type {Map<string, string>} served path → code */
  const files = new Map();
  return {
    name: 'rtdash-react-modules',
    async serverStart({ logger }) {
      const result = await build({
        entryPoints: Object.fromEntries(Object.values(ENTRIES).map((name) => [name, `facade:${name}`])),
        bundle: true,
        splitting: true,
        format: 'esm',
        target: 'es2022',
        outdir: '/virtual',
        write: false,
        logLevel: 'warning',
        define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
        plugins: [{
          name: 'react-facades',
          setup(esbuild) {
            esbuild.onResolve({ filter: /^facade:/ }, ({ path }) => ({ path: path.slice('facade:'.length), namespace: 'facade' }));
            esbuild.onLoad({ filter: /.*/, namespace: 'facade' }, ({ path }) => {
              const specifier = Object.keys(ENTRIES).find((key) => ENTRIES[key] === path);
              return { contents: facade(require, specifier), resolveDir: from, loader: 'js' };
            });
          },
        }],
      });
      logger.log(`rtdash-react-modules: React ${require('react/package.json').version} from ${from}`);
      for (const file of result.outputFiles) files.set(PREFIX + file.path.slice('/virtual/'.length), file.text);
    },
    resolveImport({ source }) {
      const name = ENTRIES[source];
      return name ? `${PREFIX}${name}.js` : undefined;
    },
    serve(context) {
      const code = files.get(context.path);
      return code === undefined ? undefined : { body: code, type: 'js' };
    },
  };
}
