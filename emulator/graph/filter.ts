/**
 * A small `$filter` parser for the clauses the connectors and the provider use:
 * `<property> eq <literal>` (and `ne`), combined with `and` / `or` and parentheses. Literals:
 * `'text'` (`''` escapes a quote), GUIDs, numbers, `true`, `false`, `null`. No library covers
 * Graph's dialect (../shared/reference/emulator-msal-graph-facts.md §5), and this subset is small.
 * String comparison is case-insensitive, as directory queries are.
 *
 * @module
 */

/** A `$filter` literal: string, number, boolean or null. */
export type Literal = string | number | boolean | null;
/** A parsed `$filter`: a comparison of one property with a literal, or `and`/`or` of two expressions. */
export type FilterExpr =
    | { readonly op: "eq" | "ne"; readonly property: string; readonly value: Literal }
    | { readonly op: "and" | "or"; readonly left: FilterExpr; readonly right: FilterExpr };

/** A syntax error, with the message Graph's "Invalid filter clause" errors start with. */
export class FilterSyntaxError extends Error {}

type Token = { readonly kind: "(" | ")" | "word" | "string"; readonly text: string; readonly at: number };

function lex(input: string): Token[] {
    const out: Token[] = [];
    let i = 0;
    while (i < input.length) {
        const c = input[i];
        if (/\s/.test(c)) i++;
        else if (c === "(" || c === ")") out.push({ kind: c, text: c, at: i++ });
        else if (c === "'") {
            let text = "";
            const start = i++;
            for (;;) {
                if (i >= input.length) throw new FilterSyntaxError(`Invalid filter clause: unterminated string at position ${start}.`);
                if (input[i] === "'") {
                    if (input[i + 1] === "'") {
                        text += "'";
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                text += input[i++];
            }
            out.push({ kind: "string", text, at: start });
        } else {
            const m = /^[A-Za-z0-9_.:/+-]+/.exec(input.slice(i));
            if (!m) throw new FilterSyntaxError(`Invalid filter clause: unexpected '${c}' at position ${i}.`);
            out.push({ kind: "word", text: m[0], at: i });
            i += m[0].length;
        }
    }
    return out;
}

/** Parses a `$filter` value. */
export function parseFilter(input: string): FilterExpr {
    const tokens = lex(input);
    let pos = 0;
    const peekWord = (w: string) => tokens[pos]?.kind === "word" && tokens[pos].text.toLowerCase() === w;
    const expect = (what: string): Token => {
        const t = tokens[pos++];
        if (!t) throw new FilterSyntaxError(`Invalid filter clause: expected ${what} at the end.`);
        return t;
    };
    const literal = (): Literal => {
        const t = expect("a value");
        if (t.kind === "string") return t.text;
        if (t.kind !== "word") throw new FilterSyntaxError(`Invalid filter clause: expected a value at position ${t.at}.`);
        const w = t.text.toLowerCase();
        if (w === "true" || w === "false") return w === "true";
        if (w === "null") return null;
        if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t.text)) return t.text;
        if (/^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
        throw new FilterSyntaxError(`Invalid filter clause: '${t.text}' is not a value (quote strings).`);
    };
    const comparison = (): FilterExpr => {
        if (tokens[pos]?.kind === "(") {
            pos++;
            const inner = or();
            if (expect("')'").kind !== ")") throw new FilterSyntaxError("Invalid filter clause: expected ')'.");
            return inner;
        }
        const prop = expect("a property");
        if (prop.kind !== "word") throw new FilterSyntaxError(`Invalid filter clause: expected a property at position ${prop.at}.`);
        const op = expect("an operator");
        const o = op.text.toLowerCase();
        if (op.kind !== "word" || (o !== "eq" && o !== "ne")) {
            throw new FilterSyntaxError(`Invalid filter clause: the emulator supports 'eq' and 'ne', not '${op.text}'.`);
        }
        return { op: o, property: prop.text, value: literal() };
    };
    const and = (): FilterExpr => {
        let left = comparison();
        while (peekWord("and")) {
            pos++;
            left = { op: "and", left, right: comparison() };
        }
        return left;
    };
    const or = (): FilterExpr => {
        let left = and();
        while (peekWord("or")) {
            pos++;
            left = { op: "or", left, right: and() };
        }
        return left;
    };
    const expr = or();
    if (pos < tokens.length) throw new FilterSyntaxError(`Invalid filter clause: unexpected '${tokens[pos].text}' at position ${tokens[pos].at}.`);
    return expr;
}

/** The properties an expression compares. */
export function filterProperties(e: FilterExpr): string[] {
    return "property" in e ? [e.property] : [...filterProperties(e.left), ...filterProperties(e.right)];
}

const same = (a: unknown, b: Literal) =>
    typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : (a ?? null) === b;

/** Evaluates `e` on a row; `get` reads a property (case-insensitive name). */
export function evaluate(e: FilterExpr, get: (property: string) => unknown): boolean {
    switch (e.op) {
        case "and":
            return evaluate(e.left, get) && evaluate(e.right, get);
        case "or":
            return evaluate(e.left, get) || evaluate(e.right, get);
        case "eq":
            return same(get(e.property), e.value);
        case "ne":
            return !same(get(e.property), e.value);
    }
}
