package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every message the program's sources give T — and every noun they count
// with — is in the catalogue: an English or Italian output never falls
// back to a Russian sentence someone forgot to translate.
func TestSourcesTranslated(t *testing.T) {
	cyr := regexp.MustCompile(`\p{Cyrillic}`)
	fset := token.NewFileSet()
	want := func(pos token.Pos, msg string) {
		if _, ok := catalogue[msg]; !ok && cyr.MatchString(msg) {
			t.Errorf("%s: %q is not in the catalogue", fset.Position(pos), msg)
		}
	}
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			files := map[string]*ast.File{}
			consts := map[string]string{} // the package's string constants
			entries, err := os.ReadDir(path)
			if err != nil {
				return err
			}
			for _, e := range entries {
				name := filepath.Join(path, e.Name())
				switch {
				case strings.HasSuffix(name, ".html"):
					checkTemplate(t, name, want)
				case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
					f, err := parser.ParseFile(fset, name, nil, 0)
					if err != nil {
						return err
					}
					files[name] = f
					for _, decl := range f.Decls {
						if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.CONST {
							for _, spec := range g.Specs {
								vs := spec.(*ast.ValueSpec)
								for i, v := range stringArgs(vs.Values) {
									if v != nil && i < len(vs.Names) {
										consts[vs.Names[i].Name] = *v
									}
								}
							}
						}
					}
				}
			}
			for _, f := range files {
				inspect(f, consts, want, func(pos token.Pos, forms [3]string) {
					if _, ok := nouns[forms[0]+"|"+forms[1]+"|"+forms[2]]; !ok && cyr.MatchString(forms[0]) {
						t.Errorf("%s: the noun %q is not in the catalogue", fset.Position(pos), forms[0])
					}
				})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// templateMessage finds t's messages in a template, and Say's neutral
// ones: {{t .Lang "…"}}, {{.U.Say "…" "…"}}.
var templateMessage = regexp.MustCompile(`(?:\bt \$?\.Lang|\bSay "(?:[^"\\]|\\.)*") "((?:[^"\\]|\\.)*)"`)

func checkTemplate(t *testing.T, path string, want func(token.Pos, string)) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range templateMessage.FindAllStringSubmatch(string(data), -1) {
		if s, err := strconv.Unquote(`"` + m[1] + `"`); err == nil {
			if _, ok := catalogue[s]; !ok && regexp.MustCompile(`\p{Cyrillic}`).MatchString(s) {
				t.Errorf("%s: %q is not in the catalogue", path, s)
			}
		}
	}
}

// inspect finds the messages of a file: T's first argument, a literal or
// a constant of the package; say's and Say's neutral text; a model
// loader's problems (add); a scored answer's (addf, invalid); phrases
// (lang.P); usage errors (usagef) and failures (failf); the nouns given
// to Plural and Count.
func inspect(f *ast.File, consts map[string]string, want func(token.Pos, string), noun func(token.Pos, [3]string)) {
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "usagef" || id.Name == "refused" || id.Name == "failf" || id.Name == "invalid") {
			// A command-line mistake, told in the command line's language;
			// an upload the page refuses, in the page's; a command's
			// failure; an answer the scoring cannot count.
			i := map[string]int{"usagef": 0, "refused": 1, "failf": 0, "invalid": 0}[id.Name]
			if lits := stringArgs(call.Args); len(lits) > i && lits[i] != nil {
				want(call.Pos(), *lits[i])
			}
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		lits := stringArgs(call.Args)
		for i, a := range call.Args {
			if id, ok := a.(*ast.Ident); ok && lits[i] == nil {
				if v, ok := consts[id.Name]; ok {
					lits[i] = &v
				}
			}
		}
		switch sel.Sel.Name {
		case "T":
			if len(lits) > 0 && lits[0] != nil {
				want(call.Pos(), *lits[0])
			}
		case "say", "Say", "add", "addf":
			// say's and Say's neutral text; a model loader's problem; a
			// scored answer's.
			if len(lits) > 1 && lits[1] != nil {
				want(call.Pos(), *lits[1])
			}
		case "At":
			// A problem in an input keeps its message as written: a
			// Russian one must come translated, At(loc, l.T(…)) — never
			// in the catalogue as it stands.
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "problem" && len(lits) > 1 && lits[1] != nil {
				want(call.Pos(), "problem.At without T: "+*lits[1])
			}
		case "Fprintf", "Fprintln", "Fprint", "Printf", "Println":
			// A line printed as written: a Russian one must come through T.
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" {
				for _, lit := range lits {
					if lit != nil {
						want(call.Pos(), "printed without T: "+*lit)
					}
				}
			}
		case "P", "Errorf":
			// A phrase written later (lang.P, lang.Errorf).
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "lang" && len(lits) > 0 && lits[0] != nil {
				want(call.Pos(), *lits[0])
			}
		case "Plural", "Count":
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "ru" {
				return true // Russian by name
			}
			if len(lits) == 4 && lits[1] != nil && lits[2] != nil && lits[3] != nil {
				noun(call.Pos(), [3]string{*lits[1], *lits[2], *lits[3]})
			}
		}
		return true
	})
}

// stringArgs are the call's arguments that are string literals (nil for
// the others).
func stringArgs(args []ast.Expr) []*string {
	out := make([]*string, len(args))
	for i, a := range args {
		if s, ok := constString(a); ok {
			out[i] = &s
		}
	}
	return out
}

// constString is a string literal, or literals joined by «+».
func constString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, ok1 := constString(x.X)
			b, ok2 := constString(x.Y)
			return a + b, ok1 && ok2
		}
	case *ast.ParenExpr:
		return constString(x.X)
	}
	return "", false
}

// Every noun has its English and Italian forms.
func TestNouns(t *testing.T) {
	for ru, tr := range nouns {
		for _, l := range []Lang{EN, IT} {
			if tr[l][0] == "" || tr[l][1] == "" {
				t.Errorf("%s has no %s forms", ru, l)
			}
		}
	}
	if got := EN.Count(3, "балл", "балла", "баллов"); got != "3 points" {
		t.Errorf("3 points: %q", got)
	}
	if got := IT.Count(1, "ente", "enti", "enti"); got != "1 ente" {
		t.Errorf("a model's own noun: %q", got)
	}
}
