#!/usr/bin/env python3
"""Lists the names Tornado defines at one tag, one per line, for the site build's mark check.

Usage: symbols.py <tornado git dir> <tag> > <version>.txt
       e.g. symbols.py /path/to/tornado/.git v2.4.1 > site/tornado-symbols/2.4.1.txt

It reads every tornado/**/*.py at the tag (tests left out) with `git show`, so it needs no work
tree and builds nothing. Python's own tokenizer splits the text, which copes with Tornado 2.4's
Python 2 syntax (print statements, "except E, e") where an `ast` parse would fail, and keeps
docstrings (whose examples contain "def ...") as single string tokens.

A name is written as module[.Class[.Nested]][.member], module being the file's path under
tornado/ with dots (platform/epoll.py -> platform.epoll). What counts as defined:
  - the module itself;
  - every `def` and `class` at module level or in a class body (nested classes included);
  - every name bound by a plain or annotated assignment at module level or in a class body,
    also inside if/try/for/with blocks there (`url = URLSpec`, `SUPPORTED_METHODS = (...)`);
  - every attribute a method assigns on its instance (`self.request = request`), as a member
    of the method's class: Tornado documents many of these (HTTPRequest.method, .uri, ...).
  - a name the module imports and then writes alone on a line at module level: Tornado's idiom
    for a deliberate re-export (httputil.responses since 4.0).
Not counted: other names bound by import (using a name is not defining it), local variables and
functions nested inside functions.
"""
import io
import keyword
import subprocess
import sys
import tokenize


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir=" + gitdir, *args], check=True,
                          capture_output=True).stdout


def module_files(gitdir, tag):
    names = git(gitdir, "ls-tree", "-r", "--name-only", tag, "tornado").decode().split("\n")
    for n in names:
        if not n.endswith(".py"):
            continue
        parts = n[len("tornado/"):-len(".py")].split("/")
        if "test" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not parts:
            continue  # tornado/__init__.py: only the version numbers
        yield n, ".".join(parts)


def logical_lines(source):
    """Yields (indent depth, tokens of one logical line without comments and layout)."""
    depth = 0
    line = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        if tok.type == tokenize.INDENT:
            depth += 1
        elif tok.type == tokenize.DEDENT:
            depth -= 1
        elif tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if line:
                yield depth, line
            line = []
        elif tok.type in (tokenize.COMMENT, tokenize.NL):
            continue
        else:
            line.append(tok)


def names_bound(tokens):
    """The names a statement binds at its own scope: `a = ...`, `a, b = ...`, `a: T = ...`."""
    out = []
    # Walk `target = target = ... = value`, keeping only simple names and tuples of them.
    targets = []
    current = []
    depth = 0
    for t in tokens:
        if t.type == tokenize.OP and t.string in "([{":
            depth += 1
        elif t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
        if depth == 0 and t.type == tokenize.OP and t.string == "=":
            targets.append(current)
            current = []
        elif depth == 0 and t.type == tokenize.OP and t.string == ":" and not targets:
            # An annotated assignment: the target is what came before the colon.
            targets.append(current)
            break
        else:
            current.append(t)
    for target in targets:
        parts = [t for t in target if not (t.type == tokenize.OP and t.string in "(),[]")]
        if parts and all(p.type == tokenize.NAME for p in parts):
            out.extend(p.string for p in parts)
    return out


def self_attributes(tokens):
    """The attributes `self.x = ...` / `self.x, self.y = ...` assigns."""
    out = []
    # Only the targets: everything before the first top-level '='.
    target = []
    for t in tokens:
        if t.type == tokenize.OP and t.string == "=":
            break
        if t.type == tokenize.OP and t.string in ("+=", "-=", "|=", "&=", "*=", "/=", "==", "("):
            return []
        target.append(t)
    else:
        return []
    for i in range(len(target) - 2):
        a, dot, b = target[i], target[i + 1], target[i + 2]
        if (a.type == tokenize.NAME and a.string == "self" and dot.string == "." and b.type == tokenize.NAME
                and (i + 3 == len(target) or target[i + 3].string in (",", ":"))
                and (i == 0 or target[i - 1].string == ",")):
            out.append(b.string)
    return out


KEYWORDS_OPENING_BLOCKS = {"if", "elif", "else", "try", "except", "finally", "for", "while", "with"}


def symbols_of(module, source):
    found = {module}
    # Stack of (depth of the def/class line, kind, dotted name).
    scopes = []
    for depth, toks in logical_lines(source):
        while scopes and depth <= scopes[-1][0]:
            scopes.pop()
        words = [t.string for t in toks]
        # Decorators are lines of their own; `async def` is a def.
        if words[0] == "async" and len(words) > 1 and words[1] == "def":
            words = words[1:]
            toks = toks[1:]
        in_class = not scopes or scopes[-1][1] == "class"
        owner = scopes[-1][2] if scopes else module
        if words[0] in ("def", "class") and len(toks) > 1 and toks[1].type == tokenize.NAME:
            name = owner + "." + toks[1].string
            if in_class:
                found.add(name)
            scopes.append((depth, words[0], name))
            continue
        if words[0] in KEYWORDS_OPENING_BLOCKS or words[0] == "@":
            continue
        if not scopes and len(toks) == 1 and toks[0].type == tokenize.NAME and not keyword.iskeyword(words[0]):
            # A name alone on a line at module level: Tornado's way of saying that the module
            # re-exports a name it imported ("responses" in httputil).
            found.add(module + "." + words[0])
            continue
        if in_class:
            for n in names_bound(toks):
                found.add(owner + "." + n)
        elif scopes and scopes[-1][1] == "def":
            # The method's class is the nearest class on the stack.
            cls = next((s[2] for s in reversed(scopes) if s[1] == "class"), None)
            if cls is not None and words[0] == "self":
                for n in self_attributes(toks):
                    found.add(cls + "." + n)
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: symbols.py <tornado git dir> <tag>")
    gitdir, tag = sys.argv[1], sys.argv[2]
    found = set()
    for path, module in module_files(gitdir, tag):
        source = git(gitdir, "show", tag + ":" + path).decode("utf-8")
        found |= symbols_of(module, source)
    print("# Names Tornado %s defines: site/tornado-symbols/symbols.py <tornado git dir> %s (see there what counts)"
          % (tag, tag))
    for name in sorted(found):
        print(name)


if __name__ == "__main__":
    main()
