import { PARSER_STATES, STATE_NAMES, type ActionFlag, type CharTest, type Special, type StateName } from './parser-states.js';
import type { TokenType } from './token-types.js';

/** One token of PostgreSQL's default parser, as `ts_parse('default', text)` returns it. */
export interface ParsedToken {
  readonly type: TokenType;
  readonly text: string;
}

/** Text the parser cannot split exactly as PostgreSQL would (it handles ASCII only). */
export class UnsupportedTextError extends Error {
  constructor(readonly text: string, readonly index: number) {
    super(
      `text search: character U+${text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0')} at offset ${index} ` +
        `is not ASCII; medseed's tsvector parser reproduces PostgreSQL's default parser for ASCII text only ` +
        `(near ${JSON.stringify(text.slice(Math.max(0, index - 20), index + 20))}). Keep generated notes ASCII.`,
    );
    this.name = 'UnsupportedTextError';
  }
}

const FLAG_BITS: Record<ActionFlag, number> = { NEXT: 0, BINGO: 1, POP: 2, PUSH: 4, RERUN: 8, CLEAR: 16, MERGE: 32, CLRALL: 64 };
const BINGO = 1, POP = 2, PUSH = 4, RERUN = 8, CLEAR = 16, MERGE = 32, CLRALL = 64;

interface CompiledRule {
  readonly test: CharTest;
  /** Character code for `=c` tests, else -1. */
  readonly char: number;
  readonly flags: number;
  /** State index, or -1 to stay. */
  readonly to: number;
  readonly type: TokenType | null;
  readonly special: Special | undefined;
}

const STATE_INDEX = new Map<StateName, number>(STATE_NAMES.map((name, i) => [name, i]));
const COMPILED: readonly (readonly CompiledRule[])[] = STATE_NAMES.map((name) =>
  PARSER_STATES[name].map(([test, flags, to, type, special]) => ({
    test,
    char: test.length === 2 && test.startsWith('=') ? test.charCodeAt(1) : -1,
    flags: flags.split('|').reduce((bits, flag) => bits | FLAG_BITS[flag as ActionFlag], 0),
    to: to === null ? -1 : STATE_INDEX.get(to)!,
    type,
    special,
  })),
);
const BASE = STATE_INDEX.get('Base')!;
const IN_URL_PATH_FIRST = STATE_INDEX.get('InURLPathFirst')!;

// C-locale character classes of ASCII, as isalpha() & co. see them.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isXDigit = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
// RFC 3986 characters (wparser_def.c p_isurlchar).
const isUrlChar = (c: number) => c > 32 && c < 127 && !'"<>\\^`{|}'.includes(String.fromCharCode(c));

/** One level of the parser's backtracking stack (wparser_def.c TParserPosition). */
interface Position {
  pos: number;
  charlen: number;
  lenToken: number;
  state: number;
  prev: Position | undefined;
  /** Index of the rule that pushed from here, to resume after it on POP; -1 if none. */
  pushedAt: number;
}

function positionAt(pos: number, state: number, prev?: Position): Position {
  return { pos, charlen: 0, lenToken: 0, state, prev, pushedAt: -1 };
}

/** The default parser over `text` from `start`; `get()` yields one token at a time, like TParserGet. */
class Parser {
  st: Position;
  ignore = false;
  wanthost = false;
  tokenStart = 0;
  tokenLen = 0;
  type: TokenType | null = null;

  constructor(readonly text: string, start: number, state = BASE) {
    this.st = positionAt(start, state);
  }

  private code(): number {
    return this.st.charlen === 0 ? -1 : this.text.charCodeAt(this.st.pos);
  }

  private passes(rule: CompiledRule): boolean {
    const c = this.code();
    switch (rule.test) {
      case '*':
        return true;
      case 'eof':
        return this.st.pos === this.text.length || this.st.charlen === 0;
      case 'asclet':
      case 'alpha':
        return isAlpha(c);
      case 'alnum':
        return isAlpha(c) || isDigit(c);
      case 'notalnum':
        return !(isAlpha(c) || isDigit(c));
      case 'digit':
        return isDigit(c);
      case 'xdigit':
        return isXDigit(c);
      case 'space':
        return isSpace(c);
      case 'special':
        // Zero-width and combining marks; no ASCII character is one (NUL cannot occur in text).
        return false;
      case 'urlchar':
        return isUrlChar(c);
      case 'ignore':
        return this.ignore;
      case 'stophost':
        if (!this.wanthost) return false;
        this.wanthost = false;
        return true;
      case 'host':
        return this.absorb(new Parser(this.text, this.st.pos), true, (type) => type === 'host');
      case 'urlpath': {
        const sub = new Parser(this.text, this.st.pos);
        sub.st = positionAt(this.st.pos, IN_URL_PATH_FIRST, sub.st);
        return this.absorb(sub, false, (type) => type === 'url_path');
      }
      default:
        return c === rule.char;
    }
  }

  /** Runs a sub-parser from here; when its first token is of the wanted type, swallows it (p_ishost, p_isURLPath). */
  private absorb(sub: Parser, wanthost: boolean, wanted: (type: TokenType) => boolean): boolean {
    sub.wanthost = wanthost;
    if (!sub.get() || !wanted(sub.type!)) return false;
    this.st.pos += sub.tokenLen;
    this.st.lenToken += sub.tokenLen;
    this.st.charlen = sub.st.charlen;
    return true;
  }

  private applySpecial(special: Special): void {
    const st = this.st;
    if (special === 'tags') {
      const tag = this.text.slice(this.tokenStart, this.tokenStart + st.lenToken).toLowerCase();
      if (tag === '</script' || tag === '</style') this.ignore = false;
      else if (tag === '<script' || tag === '<style') this.ignore = true;
      return;
    }
    if (special === 'furl') this.wanthost = true;
    st.pos -= st.lenToken;
    if (special === 'verversion') st.lenToken = 0;
  }

  get(): boolean {
    const { text } = this;
    if (this.st.pos >= text.length) return false;
    this.tokenStart = this.st.pos;
    this.st.pushedAt = -1;
    let rule: CompiledRule | undefined;
    while (this.st.pos <= text.length) {
      let st = this.st;
      st.charlen = st.pos === text.length ? 0 : 1;
      if (st.charlen === 1 && text.charCodeAt(st.pos) > 127) throw new UnsupportedTextError(text, st.pos);
      const rules = COMPILED[st.state]!;
      let i = 0;
      if (st.pushedAt >= 0) {
        i = st.pushedAt + 1;
        st.pushedAt = -1;
      }
      while (!this.passes(rules[i]!)) i++;
      rule = rules[i]!;
      st = this.st;
      if (rule.special) this.applySpecial(rule.special);
      if (rule.flags & BINGO) {
        this.tokenLen = st.lenToken;
        st.lenToken = 0;
        this.type = rule.type;
      }
      if (rule.flags & POP) {
        this.st = st.prev!;
      } else if (rule.flags & PUSH) {
        st.pushedAt = i;
        this.st = { ...st, prev: st, pushedAt: -1 };
      } else if (rule.flags & CLEAR) {
        st.prev = st.prev!.prev;
      } else if (rule.flags & CLRALL) {
        st.prev = undefined;
      } else if (rule.flags & MERGE) {
        const merged = st.prev!;
        merged.pos = st.pos;
        merged.charlen = st.charlen;
        merged.lenToken = st.lenToken;
        this.st = merged;
      }
      st = this.st;
      if (rule.to >= 0) st.state = rule.to;
      if (rule.flags & BINGO || (st.pos >= text.length && !(rule.flags & RERUN))) break;
      if (rule.flags & (RERUN | POP)) continue;
      if (st.charlen) {
        st.pos++;
        st.lenToken++;
      }
    }
    return rule !== undefined && (rule.flags & BINGO) !== 0;
  }
}

/**
 * Splits text into tokens exactly as PostgreSQL's default text search parser does (ASCII text;
 * anything else throws UnsupportedTextError rather than risk a different split).
 *
 * @example parseText('non-tender 5/5') // asciihword non-tender, hword_asciipart non, blank -, ...
 */
export function parseText(text: string): ParsedToken[] {
  const parser = new Parser(text, 0);
  const tokens: ParsedToken[] = [];
  while (parser.get()) tokens.push({ type: parser.type!, text: text.slice(parser.tokenStart, parser.tokenStart + parser.tokenLen) });
  return tokens;
}
