import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCssLiterals, minifyCssPieces } from './minify-css-literals.ts';

describe('minifyCssPieces', () => {
  it('drops comments and indents, keeping one line break per source line', () => {
    const [out] = minifyCssPieces(['\n  /* why */\n  :host {\n    color: red;\n  }\n'])!;
    assert.equal(out, '\n\n:host{\ncolor: red;\n}\n');
  });

  it('keeps a descendant combinator and the spaces inside values', () => {
    const [out] = minifyCssPieces([':host([flash="up"])   .value { transition: color 300ms ease-out, opacity 1s; }'])!;
    assert.equal(out, ':host([flash="up"]) .value{transition: color 300ms ease-out,opacity 1s;}');
  });

  it('leaves quoted strings as written, comment-like text and spaces included', () => {
    const [out] = minifyCssPieces([`.a::before { content: '  /* not a comment */  '; font-family: "JetBrains  Mono"; }`])!;
    assert.equal(out, `.a::before{content: '  /* not a comment */  ';font-family: "JetBrains  Mono";}`);
  });

  it('keeps a space next to an interpolation, which may be a selector or a value', () => {
    const out = minifyCssPieces(['.x { color: ', '; }  ', ' .y { margin: 0 }'])!;
    assert.deepEqual(out, ['.x{color: ', ';}', ' .y{margin: 0}']);
  });

  it('gives up on a template whose comment or string an interpolation cuts', () => {
    assert.equal(minifyCssPieces(['/* a ', ' */']), undefined);
    assert.equal(minifyCssPieces(["content: '", "'"]), undefined);
  });
});

describe('minifyCssLiterals', () => {
  it('rewrites css`` templates only, and keeps the line count', () => {
    const code = [
      "import { css, html } from 'lit';",
      'const styles = css`',
      '  :host {',
      '    color: ${tokens.text};',
      '  }',
      '`;',
      'const view = html`<p>  two  spaces </p>`;',
      'const other = `  plain  `;',
    ].join('\n');
    const out = minifyCssLiterals(code, 'x.ts');
    assert.equal(out.split('\n').length, code.split('\n').length);
    assert.match(out, /css`\n:host\{\ncolor: \$\{tokens\.text\};\n\}\n`/);
    assert.ok(out.includes('html`<p>  two  spaces </p>`'));
    assert.ok(out.includes('`  plain  `'));
  });

  it('returns the code unchanged when it has no css`` template', () => {
    const code = 'export const a = `  x  `;';
    assert.equal(minifyCssLiterals(code, 'a.ts'), code);
  });
});
