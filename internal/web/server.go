// Package web is selfdiag's local web page: the district run, the results,
// the comparison, the templates and the model, for people who never open
// a terminal. It serves 127.0.0.1 only; every request needs the token the
// program printed (a cookie after the first visit, or an Authorization:
// Bearer header for the API), the Host header must name the loopback (no
// DNS rebinding), forms carry a CSRF token, and no other origin is let in
// (no CORS). The pipeline is the command line's: a run is what `batch --out
// DIR --per-school` writes.
package web

import (
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Options configure a server.
type Options struct {
	// Data is the folder the runs are kept in.
	Data string
	// Token is the secret every request carries; "" makes a random one.
	Token string
	// LoadModel loads a model by path, "" for the embedded one
	// (modelsheet.Open).
	LoadModel func(path string) (*model.Model, error)
	Limits    Limits
	Now       func() time.Time // time.Now when nil
	// Lang is the page's language (Russian when empty).
	Lang lang.Lang
}

// Server is the local web page.
type Server struct {
	opts  Options
	token string
	csrf  string
	runs  *store
	pages *template.Template
	mux   *http.ServeMux
}

const cookieName = "selfdiag_token"

// New makes a server over the data folder, creating it.
func New(o Options) (*Server, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits
	}
	if err := os.MkdirAll(o.Data, 0o755); err != nil {
		return nil, lang.Errorf("папка данных %s не создаётся: %s", o.Data, fserr.Phrase(err))
	}
	s := &Server{opts: o, token: o.Token, csrf: randomHex(16),
		runs: &store{dir: o.Data, load: o.LoadModel, jobs: map[string]*job{}, now: o.Now, lang: lang.Of(string(o.Lang))}}
	if s.token == "" {
		s.token = randomHex(16)
	}
	pages, err := template.New("").Funcs(template.FuncMap{
		"pct": func(l lang.Lang, p float64) string { return l.Percent(p) },
		"t":   func(l lang.Lang, msg string, args ...any) string { return l.T(msg, args...) },
	}).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.routes()
	return s, nil
}

// Token is the secret of the server's address.
func (s *Server) Token() string { return s.token }

// URL is the address to open, with the token.
func (s *Server) URL(addr net.Addr) string {
	return fmt.Sprintf("http://%s/?token=%s", addr.String(), s.token)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ServeHTTP checks every request before its handler: the Host, the token,
// and for a change made from a page, the CSRF token.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if !loopbackHost(r.Host) {
		s.deny(w, r, s.lang().T("адрес %s не этот компьютер: страница открывается только по адресу 127.0.0.1, который напечатала программа", r.Host))
		return
	}
	if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet && s.tokenOK(t) {
		// The first visit: the token becomes a cookie, and the address
		// loses it (no token in the history or a copied link).
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q := r.URL.Query()
		q.Del("token")
		u := *r.URL
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return
	}
	bearer := false
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.tokenOK(auth) {
		bearer = true
	} else if c, err := r.Cookie(cookieName); err != nil || !s.tokenOK(c.Value) {
		s.deny(w, r, s.lang().T("нет ключа доступа: откройте адрес с ?token=…, который программа напечатала при запуске"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !bearer && !s.csrfOK(r) {
		s.deny(w, r, s.lang().T("запрос отклонён: он отправлен не со страницы selfdiag (нет проверочного ключа формы); обновите страницу и повторите"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) tokenOK(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

// csrfOK: a form's field or the page script's header carries the token
// the pages were made with. Only the form field of a urlencoded body is
// looked at: a multipart upload sends the header.
func (s *Server) csrfOK(r *http.Request) bool {
	t := r.Header.Get("X-CSRF-Token")
	if t == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
		t = r.PostFormValue("csrf")
	}
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.csrf)) == 1
}

// loopbackHost: the Host header names this computer's loopback address
// (a DNS name an attacker controls, pointed at 127.0.0.1, does not).
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	switch strings.ToLower(h) {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

func (s *Server) deny(w http.ResponseWriter, r *http.Request, msg string) {
	s.fail(w, r, http.StatusForbidden, msg)
}

// fail answers with an error in the page's language: JSON for the API, a
// page for a person.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, status, map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	s.pages.ExecuteTemplate(w, "error.html", map[string]any{"Message": msg, "Status": status, "Lang": s.lang()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// errorStatus is the status of an error from a handler's work, and what
// to say of it in the page's language.
func (s *Server) errorStatus(err error) (int, string) {
	if ue, ok := errors.AsType[*uploadError](err); ok {
		return ue.status, ue.msg.In(s.lang())
	}
	if mb, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return http.StatusRequestEntityTooLarge, s.lang().T(tooLarge, mb.Limit>>20)
	}
	return http.StatusInternalServerError, lang.Message(err).In(s.lang())
}

// tooLarge is what an upload over the limit is told.
const tooLarge = "загрузка больше %d МБ: разделите папку на части или сохраните таблицу района в CSV"

// static serves the page's own script and style.
func staticFS() http.Handler {
	sub, _ := fs.Sub(assets, "static")
	return http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
}

// lang is the page's language.
func (s *Server) lang() lang.Lang { return lang.Of(string(s.opts.Lang)) }
