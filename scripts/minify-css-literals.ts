/**
 * Shrinks the CSS inside Lit's css`` templates for the script-tag build. The JS minifier leaves
 * template text alone, so every comment and indent of the element styles and the theme used to
 * ship. This drops comments and collapses whitespace outside quoted strings, only where CSS
 * cannot tell the difference: around `{ } ; ,` and at the ends of the template. A space that
 * might be a descendant combinator (`:host .value`) or sit next to an interpolation (which may
 * be a selector or a value) stays one space. Newlines are kept one per source line, so the
 * build's source maps still point at the right line.
 */
import { parseAst, type Plugin } from 'vite';

/** A TemplateElement; its span includes the delimiters: ` or } before, ${ or ` after. */
interface Quasi { start: number; end: number; tail: boolean; value: { raw: string } }
interface Node { type: string; [key: string]: unknown }

/** Minified CSS template text, or undefined when a piece is not safe to touch. */
export function minifyCssPieces(pieces: readonly string[]): string[] | undefined {
  // A comment or a string cut by an interpolation: leave the template as written.
  if (pieces.some((piece) => !balanced(piece))) return undefined;
  return pieces.map((piece, i) => minifyPiece(piece, i === 0, i === pieces.length - 1));
}

/** Comments closed and quotes paired within the piece. */
function balanced(piece: string): boolean {
  let quote = '';
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && piece[i + 1] === '*') {
      const close = piece.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 1;
    }
  }
  return quote === '';
}

const TIGHT = new Set(['{', '}', ';', ',']);

/**
 * One piece of a template (the text between interpolations). A run of whitespace and comments
 * becomes its line breaks, or one space where both neighbours need one, or nothing. At the
 * piece's ends a neighbour is an interpolation (or the template's start or end, which need none).
 */
function minifyPiece(piece: string, first: boolean, last: boolean): string {
  let out = '';
  let i = 0;
  while (i < piece.length) {
    const c = piece[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < piece.length && piece[j] !== c) j += piece[j] === '\\' ? 2 : 1;
      out += piece.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c) || piece.startsWith('/*', i)) {
      let j = i;
      let lines = 0;
      while (j < piece.length) {
        if (piece.startsWith('/*', j)) {
          const close = piece.indexOf('*/', j + 2) + 2;
          lines += piece.slice(j, close).split('\n').length - 1;
          j = close;
        } else if (/\s/.test(piece[j])) {
          if (piece[j] === '\n') lines++;
          j++;
        } else break;
      }
      const before = out === '' ? (first ? '{' : '') : out[out.length - 1];
      const after = j === piece.length ? (last ? '}' : '') : piece[j];
      const needed = !TIGHT.has(before) && !TIGHT.has(after);
      out += lines ? '\n'.repeat(lines) : needed ? ' ' : '';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `code` with every css`` template's text minified (the same string when none is found). */
export function minifyCssLiterals(code: string, filename: string): string {
  if (!code.includes('css`')) return code;
  const program = parseAst(code, { lang: filename.endsWith('.ts') ? 'ts' : 'js' }, filename) as unknown as Node;
  const edits: { start: number; end: number; text: string }[] = [];
  walk(program, (node) => {
    if (node.type !== 'TaggedTemplateExpression') return;
    const tag = node.tag as Node;
    if (tag.type !== 'Identifier' || tag.name !== 'css') return;
    const quasis = (node.quasi as { quasis: Quasi[] }).quasis;
    const spans = quasis.map((q) => ({ start: q.start + 1, end: q.end - (q.tail ? 1 : 2) }));
    if (quasis.some((q, i) => code.slice(spans[i].start, spans[i].end) !== q.value.raw)) return; // not as expected: leave it
    const pieces = minifyCssPieces(quasis.map((q) => q.value.raw));
    if (pieces) spans.forEach((span, i) => edits.push({ ...span, text: pieces[i] }));
  });
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === 'object' && typeof (node as Node).type === 'string') {
    visit(node as Node);
    for (const [key, child] of Object.entries(node)) if (key !== 'type' && child && typeof child === 'object') walk(child, visit);
  }
}

/** The Vite plugin: our own TypeScript sources, before TypeScript is stripped. */
export function minifyCssLiteralsPlugin(): Plugin {
  return {
    name: 'rtdash:minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widgets\/.*\.ts$/.test(id) || id.includes('node_modules')) return null;
      const out = minifyCssLiterals(code, id);
      // Lines are kept, so the identity map of this step is right line by line.
      return out === code ? null : { code: out, map: null };
    },
  };
}
