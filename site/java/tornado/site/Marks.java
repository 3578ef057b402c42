package tornado.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The machine-readable marks (ARCHITECTURE.adoc, "Rules a contributor keeps"), read from the
 * sources as text: every {@code @Mirrors(...)} with the declaration it sits on, and every
 * {@code @JavaOnly(...)}.
 *
 * <p>We read text rather than load classes for three reasons: the site must also render a
 * chapter whose code does not compile yet, the line to link to is a source line (the class
 * file only knows method bodies), and a mark on a private method or a field is as much a part
 * of the map as a public one. {@link SourceFile#kinds} tells code from comments and strings, so
 * a javadoc that talks about {@code @Mirrors} is not mistaken for a mark.
 *
 * <p>What is checked: a mark names something (not an empty string, not an empty list); each
 * name has the form {@code module.name} with a module Tornado has or had, or is such a module
 * alone (a class that gathers a module's functions, as {@code NetUtil} does for
 * {@code netutil}), with an optional version after a space ({@code "ioloop.IOLoop.current 3.0"});
 * the release that version stands for really defines that name ({@link Symbols} says which
 * list of Tornado's names is asked); and every top-level type in a chapter package carries one
 * of the two marks.
 */
final class Marks {
    /** One Tornado name on one Java declaration. */
    record Mirror(String module, String name, String version, String javaName, String kind,
                  SourceFile file, int line) {
        String tornado() {
            return name.isEmpty() ? module : module + "." + name;
        }
    }

    /** A type that is ours alone, and why. */
    record Own(String javaName, String reason, SourceFile file, int line) {}

    /** A public method that carries neither mark (see {@link FileScan#scanMembers}). */
    record Unmarked(String javaName, SourceFile file, int line) {}

    final List<Mirror> mirrors = new ArrayList<>();
    final List<Own> own = new ArrayList<>();
    /**
     * Every public method of a chapter class with neither mark, not an {@code @Override}, and not
     * in a type that is ours alone as a whole. The build refuses them in the packages of a chapter
     * whose header asks for it ({@code :marks: methods}); elsewhere they are only listed here.
     */
    final List<Unmarked> unmarked = new ArrayList<>();

    /**
     * Tornado's modules, from 2.4.1 up to 6.x. A name must start with one of them; the longest
     * that fits wins, so {@code platform.epoll.EPollIOLoop} is class {@code EPollIOLoop} of
     * {@code platform.epoll}. A mirror of a module not listed here is a typo until proven
     * otherwise; if it is not, add the module here.
     */
    static final Set<String> MODULES = Set.of(
            "auth", "autoreload", "concurrent", "curl_httpclient", "database", "escape", "gen",
            "http1connection", "httpclient", "httpserver", "httputil", "ioloop", "iostream", "locale",
            "locks", "log", "netutil", "options", "process", "queues", "routing", "simple_httpclient",
            "stack_context", "tcpclient", "tcpserver", "template", "testing", "util", "web", "websocket",
            "wsgi", "epoll", "platform", "platform.asyncio", "platform.auto", "platform.caresresolver",
            "platform.common", "platform.epoll", "platform.interface", "platform.kqueue", "platform.posix",
            "platform.select", "platform.twisted", "platform.windows");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Set<String> TYPE_WORDS = Set.of("class", "interface", "enum", "record");

    /** Scans every file of the tree; the problems go to {@code problems}. */
    static Marks scan(SourceTree tree, Problems problems) {
        Marks marks = new Marks();
        Symbols symbols = Symbols.load(tree.basedir, problems);
        for (SourceFile f : tree.all()) {
            if (f.rel.endsWith(".java")) {
                new FileScan(f, tree.show(f.path), marks, symbols, problems).run(tree.mainFiles().contains(f));
            }
        }
        return marks;
    }

    /** A token of code: an identifier or a single symbol, with its offset. */
    private record Tok(String text, int at) {
        boolean is(String s) {
            return text.equals(s);
        }

        boolean ident() {
            return Character.isJavaIdentifierStart(text.charAt(0));
        }
    }

    /** A type declaration: its nested name, where its name is, and the span of its body. */
    private record Type(String name, String simple, int nameTok, int bodyOpen, int bodyClose, boolean topLevel) {}

    private static final class FileScan {
        private final SourceFile f;
        private final Marks marks;
        private final Symbols symbols;
        private final Problems problems;
        private final List<Tok> toks = new ArrayList<>();
        private final List<Type> types = new ArrayList<>();

        private final String shown;

        FileScan(SourceFile f, String shown, Marks marks, Symbols symbols, Problems problems) {
            this.f = f;
            this.shown = shown;
            this.marks = marks;
            this.symbols = symbols;
            this.problems = problems;
        }

        void run(boolean chapterFile) {
            tokenize();
            findTypes();
            List<Integer> markedTypes = new ArrayList<>();
            List<Integer> ownTypes = new ArrayList<>();
            for (int i = 0; i + 2 < toks.size(); i++) {
                if (!toks.get(i).is("@")) continue;
                int j = i + 1;
                // Accept the mark by its simple name or fully qualified.
                if (toks.get(j).is("tornado") && j + 4 < toks.size() && toks.get(j + 1).is(".")
                        && toks.get(j + 2).is("trace") && toks.get(j + 3).is(".")) j += 4;
                String which = toks.get(j).text();
                if (!which.equals("Mirrors") && !which.equals("JavaOnly")) continue;
                if (j + 1 >= toks.size() || !toks.get(j + 1).is("(")) continue;
                int close = matching(j + 1, "(", ")");
                List<String> values = strings(toks.get(j + 1).at(), close < 0 ? f.text.length() : toks.get(close).at());
                int line = f.lineOf(toks.get(i).at());
                Decl d = declaration(close + 1);
                if (d == null) {
                    problems.add(where(line), "@" + which + " is not followed by a declaration we can name");
                    continue;
                }
                // The map links where a listing of the same code links: the declaration line,
                // past this mark and any other annotation (SourceFile.declarationLine).
                d = new Decl(d.javaName, d.kind, f.declarationLine(line, d.line), d.type);
                if (d.type != null) markedTypes.add(types.indexOf(d.type));
                if (which.equals("JavaOnly")) {
                    if (d.type != null) ownTypes.add(types.indexOf(d.type));
                    String reason = values.isEmpty() ? "" : values.get(0);
                    if (reason.isBlank()) problems.add(where(line), "@JavaOnly on " + d.javaName + " gives no reason");
                    marks.own.add(new Own(d.javaName, reason, f, d.line));
                    continue;
                }
                if (values.isEmpty()) {
                    problems.add(where(line), "@Mirrors on " + d.javaName + " names nothing");
                }
                for (String v : values) {
                    Mirror m = parse(v, d, line);
                    if (m == null) continue;
                    checkDefined(m, v, line);
                    marks.mirrors.add(m);
                }
            }
            if (!chapterFile) return;
            for (int t = 0; t < types.size(); t++) {
                if (toks.get(types.get(t).nameTok - 1).is("class") && !withinOwn(types.get(t), ownTypes)) scanMembers(types.get(t));
            }
            for (int t = 0; t < types.size(); t++) {
                Type type = types.get(t);
                if (type.topLevel && !markedTypes.contains(t)) {
                    problems.add(where(f.lineOf(toks.get(type.nameTok).at())), type.name
                            + " carries neither @Mirrors(\"module.Name\") nor @JavaOnly(\"why\"); every type in a"
                            + " chapter package says what in Tornado it mirrors, or why it is ours alone");
                }
            }
        }

        // A type that is ours alone speaks for its members: they mirror nothing either.
        private boolean withinOwn(Type type, List<Integer> ownTypes) {
            for (int o : ownTypes) {
                String own = types.get(o).name;
                if (type.name.equals(own) || type.name.startsWith(own + ".")) return true;
            }
            return false;
        }

        /**
         * Walks the members of one class, head by head (annotations, modifiers, type, name), and
         * notes each public method that carries neither mark. An {@code @Override} is left alone:
         * what it is, its supertype says. Method bodies, field initializers and nested types are
         * stepped over; a nested class is walked as a type of its own.
         */
        private void scanMembers(Type type) {
            int end = type.bodyClose < 0 ? toks.size() : type.bodyClose;
            int i = type.bodyOpen + 1;
            while (i < end) {
                boolean isPublic = false, excused = false;
                int lastIdent = -1;
                while (i < end) {
                    Tok k = toks.get(i);
                    if (k.is("@") && i + 1 < end && !toks.get(i + 1).is("interface")) {
                        int n = i + 1;
                        while (n + 2 < end && toks.get(n + 1).is(".")) n += 2;
                        String which = toks.get(n).text();
                        if (which.equals("Override") || which.equals("Mirrors") || which.equals("JavaOnly")) excused = true;
                        i = n + 1;
                        if (i < end && toks.get(i).is("(")) i = matching(i, "(", ")") + 1;
                        if (i <= 0) return; // an unbalanced bracket: nothing more to read here
                        continue;
                    }
                    if (k.is("<")) {
                        i = matching(i, "<", ">") + 1;
                        if (i <= 0) return;
                        continue;
                    }
                    if (k.is("@") || TYPE_WORDS.contains(k.text()) || k.is("(") || k.is("=") || k.is(";") || k.is("{")) break;
                    if (k.is("public")) isPublic = true;
                    if (k.ident()) lastIdent = i;
                    i++;
                }
                if (i >= end) return;
                Tok k = toks.get(i);
                if (k.is("@") || TYPE_WORDS.contains(k.text())) {
                    while (i < end && !toks.get(i).is("{")) i++;
                    i = matching(i, "{", "}") + 1;
                } else if (k.is("(")) {
                    Tok name = lastIdent < 0 ? null : toks.get(lastIdent);
                    if (isPublic && !excused && name != null && !name.is(type.simple)) {
                        marks.unmarked.add(new Unmarked(type.name + "." + name.text() + "(…)", f, f.lineOf(name.at())));
                    }
                    i = matching(i, "(", ")") + 1;
                    while (i < end && !toks.get(i).is("{") && !toks.get(i).is(";")) i++;
                    if (i < end && toks.get(i).is("{")) i = matching(i, "{", "}");
                    i++;
                } else if (k.is("=")) {
                    int depth = 0;
                    for (; i < end; i++) {
                        Tok x = toks.get(i);
                        if (x.is("(") || x.is("{") || x.is("[")) depth++;
                        else if (x.is(")") || x.is("}") || x.is("]")) depth--;
                        else if (x.is(";") && depth == 0) break;
                    }
                    i++;
                } else if (k.is("{")) {
                    i = matching(i, "{", "}") + 1;
                } else {
                    i++;
                }
                if (i <= 0) return;
            }
        }

        private String where(int line) {
            return shown + ":" + line;
        }

        private Mirror parse(String value, Decl d, int line) {
            String v = value.strip();
            if (v.isEmpty()) {
                problems.add(where(line), "@Mirrors on " + d.javaName + " names nothing (an empty string)");
                return null;
            }
            String version = "";
            int space = v.indexOf(' ');
            if (space > 0) {
                version = v.substring(space + 1).strip();
                v = v.substring(0, space);
                if (!VERSION.matcher(version).matches()) {
                    problems.add(where(line), "@Mirrors(\"" + value + "\") on " + d.javaName
                            + ": after the name comes a Tornado version such as 4.0, not '" + version + "'");
                    return null;
                }
            }
            if (MODULES.contains(v)) {
                // A class that gathers a module's functions mirrors the module as a whole.
                return new Mirror(v, "", version, d.javaName, d.kind, f, d.line);
            }
            if (!NAME.matcher(v).matches() || !v.contains(".")) {
                problems.add(where(line), "@Mirrors(\"" + value + "\") on " + d.javaName
                        + " is not of the form module.name (e.g. \"iostream.BaseIOStream.read_until\") nor a Tornado module");
                return null;
            }
            String module = null;
            for (String m : MODULES) {
                if (v.startsWith(m + ".") && (module == null || m.length() > module.length())) module = m;
            }
            if (module == null) {
                problems.add(where(line), "@Mirrors(\"" + value + "\") on " + d.javaName + ": '"
                        + v.substring(0, v.indexOf('.')) + "' is not a Tornado module");
                return null;
            }
            return new Mirror(module, v.substring(module.length() + 1), version, d.javaName, d.kind, f, d.line);
        }

        /**
         * The mark names something its Tornado release defines, by the lists of {@link Symbols}:
         * the map is generated from the marks, so a mark that names the wrong release, class or
         * member would put a claim about Tornado on the site that Tornado's source contradicts.
         */
        private void checkDefined(Mirror m, String value, int line) {
            String file = symbols.fileFor(m.version());
            String release = m.version().isEmpty() ? Symbols.DEFAULT_VERSION : m.version();
            String mark = "@Mirrors(\"" + value.strip() + "\") on " + m.javaName();
            if (file == null) {
                problems.add(where(line), mark + ": no list of Tornado's names covers version " + release + " (there are "
                        + symbols.releases() + "); generate one with " + Symbols.DIR + "/symbols.py");
            } else if (!symbols.defines(m.version(), m.tornado())) {
                List<String> near = symbols.sameMember(m.version(), m.tornado());
                problems.add(where(line), mark + ": Tornado " + release + " defines no " + m.tornado() + " (checked against "
                        + file + ")" + (near.isEmpty() ? "" : "; it does define " + String.join(", ", near)));
            }
        }

        /** What a mark sits on. {@code type} is set when it is a type declaration. */
        private record Decl(String javaName, String kind, int line, Type type) {}

        private Decl declaration(int i) {
            int lastIdent = -1;
            for (; i < toks.size(); i++) {
                Tok t = toks.get(i);
                if (t.is("@") && i + 1 < toks.size() && !toks.get(i + 1).is("interface")) {
                    // Another annotation (with its arguments): not part of the name.
                    i += 2;
                    while (i + 1 < toks.size() && toks.get(i).is(".")) i += 2;
                    if (i < toks.size() && toks.get(i).is("(")) {
                        i = matching(i, "(", ")");
                        if (i < 0) return null;
                    } else {
                        i--;
                    }
                    continue;
                }
                if (TYPE_WORDS.contains(t.text()) || (t.is("@") && i + 1 < toks.size() && toks.get(i + 1).is("interface"))) {
                    int nameTok = t.is("@") ? i + 2 : i + 1;
                    for (Type type : types) {
                        if (type.nameTok == nameTok) {
                            return new Decl(type.name, kindOf(t.is("@") ? "@interface" : t.text()),
                                    f.lineOf(toks.get(nameTok).at()), type);
                        }
                    }
                    return null;
                }
                if (t.is("(") || t.is("=") || t.is(";") || t.is("{")) {
                    if (lastIdent < 0) return null;
                    Tok name = toks.get(lastIdent);
                    Type owner = enclosing(name.at());
                    String ownerName = owner == null ? "" : owner.name;
                    String kind = t.is("(") ? (owner != null && name.text().equals(owner.simple) ? "constructor" : "method") : "field";
                    String javaName = ownerName.isEmpty() ? name.text()
                            : kind.equals("constructor") ? ownerName + "(…)"
                            : kind.equals("method") ? ownerName + "." + name.text() + "(…)"
                            : ownerName + "." + name.text();
                    return new Decl(javaName, kind, f.lineOf(name.at()), null);
                }
                if (t.ident()) lastIdent = i;
            }
            return null;
        }

        private static String kindOf(String word) {
            return switch (word) {
                case "interface" -> "interface";
                case "enum" -> "enum";
                case "record" -> "record";
                case "@interface" -> "annotation";
                default -> "class";
            };
        }

        private Type enclosing(int offset) {
            Type best = null;
            for (Type t : types) {
                int open = toks.get(t.bodyOpen).at(), close = t.bodyClose < 0 ? f.text.length() : toks.get(t.bodyClose).at();
                if (open < offset && offset < close && (best == null || open > toks.get(best.bodyOpen).at())) best = t;
            }
            return best;
        }

        private void findTypes() {
            for (int i = 0; i + 1 < toks.size(); i++) {
                Tok t = toks.get(i);
                if (!TYPE_WORDS.contains(t.text())) continue;
                if (i > 0 && toks.get(i - 1).is(".")) continue;           // Foo.class
                Tok name = toks.get(i + 1);
                if (!name.ident()) continue;
                if (t.is("record") && !(i + 2 < toks.size() && (toks.get(i + 2).is("(") || toks.get(i + 2).is("<")))) continue;
                int open = i + 2;
                while (open < toks.size() && !toks.get(open).is("{") && !toks.get(open).is(";")) open++;
                if (open >= toks.size() || !toks.get(open).is("{")) continue;
                int close = matching(open, "{", "}");
                Type outer = enclosing(name.at());
                String full = outer == null ? name.text() : outer.name + "." + name.text();
                types.add(new Type(full, name.text(), i + 1, open, close, outer == null));
            }
        }

        private int matching(int openTok, String open, String close) {
            int depth = 0;
            for (int i = openTok; i < toks.size(); i++) {
                if (toks.get(i).is(open)) depth++;
                else if (toks.get(i).is(close) && --depth == 0) return i;
            }
            return -1;
        }

        /** The string literals between two offsets, unescaped. */
        private List<String> strings(int from, int to) {
            List<String> out = new ArrayList<>();
            int i = from;
            while (i < to) {
                if (f.kinds[i] != SourceFile.STRING) { i++; continue; }
                int start = i;
                while (i < to && f.kinds[i] == SourceFile.STRING) i++;
                String lit = f.text.substring(start, i);
                if (lit.length() >= 2 && lit.charAt(0) == '"') {
                    out.add(lit.substring(1, lit.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            return out;
        }

        private void tokenize() {
            String s = f.text;
            int i = 0, n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (f.kinds[i] != SourceFile.CODE || Character.isWhitespace(c)) { i++; continue; }
                if (Character.isJavaIdentifierStart(c)) {
                    int start = i;
                    while (i < n && f.kinds[i] == SourceFile.CODE && Character.isJavaIdentifierPart(s.charAt(i))) i++;
                    toks.add(new Tok(s.substring(start, i), start));
                } else if (Character.isDigit(c)) {
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) i++;
                } else {
                    toks.add(new Tok(String.valueOf(c), i));
                    i++;
                }
            }
        }
    }
}
