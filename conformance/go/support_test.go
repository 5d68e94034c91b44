// The official Genesys Go SDK (platformclientv2, pinned in go.mod) against a live `orgtrust serve`,
// as conformance/python/conftest.py and conformance/js/support.js do for theirs: a server on a free
// loopback port over a fresh database of the backend under test, SDK configurations pointed at it
// with the SDK's own BasePath and signed in with its own AuthorizeClientCredentials, and the record
// of which reference operations each test called successfully. TestMain fails the run unless every
// operation of the reference extract (reference/genesys-orgauth-openapi.json) was answered
// successfully in a passing test, and writes $ORGTRUST_RESULTS_DIR/go-operations.json for
// conformance/coverage.py.
package conformance

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mypurecloud/platform-client-sdk-go/v176/platformclientv2"
)

const (
	acme    = "a0000000-0000-4000-8000-000000000001"
	partner = "b0000000-0000-4000-8000-000000000001"
	care    = "c0000000-0000-4000-8000-000000000001"
)

var (
	// The repository; the suite runs from conformance/go (a compiled test binary too: ORGTRUST_ROOT).
	root    = envOr("ORGTRUST_ROOT", filepath.Join("..", ".."))
	binary  = envOr("ORGTRUST_BIN", filepath.Join(root, "target", "debug", "orgtrust"))
	backend = envOr("ORGTRUST_CONFORMANCE_BACKEND", "sqlite")
	// Set by scripts/test.sh for its secret scan (scripts/secret-scan.py).
	scanDir   = os.Getenv("ORGTRUST_SECRET_SCAN_DIR")
	databases atomic.Int64
)

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// ---- the reference operations and what each test called ----

type operation struct {
	id, method string
	path       *regexp.Regexp
	params     int
}

var reference = loadReference()

func loadReference() []operation {
	data, err := os.ReadFile(filepath.Join(root, "reference", "genesys-orgauth-openapi.json"))
	if err != nil {
		panic(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		panic(err)
	}
	var out []operation
	for path, methods := range doc.Paths {
		re := "^" + strings.Join(splitTemplate(path), "") + "$"
		for method, raw := range methods {
			var op struct {
				OperationID string `json:"operationId"`
			}
			if json.Unmarshal(raw, &op) != nil || op.OperationID == "" {
				continue
			}
			out = append(out, operation{op.OperationID, strings.ToUpper(method), regexp.MustCompile(re), strings.Count(path, "{")})
		}
	}
	return out
}

// splitTemplate turns a path template into regexp pieces: literals quoted, `{name}` one segment.
func splitTemplate(path string) []string {
	var out []string
	for _, part := range regexp.MustCompile(`\{[^}]+\}|[^{]+`).FindAllString(path, -1) {
		if strings.HasPrefix(part, "{") {
			out = append(out, `[^/]+`)
		} else {
			out = append(out, regexp.QuoteMeta(part))
		}
	}
	return out
}

// operationOf names the reference operation of a request: of the templates that match, the one
// with the fewest parameters (`/trustees/care` over `/trustees/{trusteeOrgId}`).
func operationOf(method, path string) string {
	best, params := "", 1<<30
	for _, op := range reference {
		if op.method == method && op.path.MatchString(path) && op.params < params {
			best, params = op.id, op.params
		}
	}
	return best
}

type testRecord struct {
	Status string   `json:"status"`
	Calls  []string `json:"calls"`
}

var (
	recMu   sync.Mutex
	current map[string]bool
	via     = "sdk"
	tests   = map[string]*testRecord{}
)

func recordCall(method, path string) {
	recMu.Lock()
	defer recMu.Unlock()
	if op := operationOf(method, path); op != "" && current != nil {
		current[via+" "+op] = true
	}
}

// track records the reference operations `t` calls successfully, and its outcome.
func track(t *testing.T) {
	recMu.Lock()
	current = map[string]bool{}
	recMu.Unlock()
	t.Cleanup(func() {
		recMu.Lock()
		defer recMu.Unlock()
		rec := &testRecord{Status: "pass", Calls: []string{}}
		if t.Failed() {
			rec.Status = "fail"
		} else if t.Skipped() {
			rec.Status = "skipped"
		}
		for c := range current {
			rec.Calls = append(rec.Calls, c)
		}
		sort.Strings(rec.Calls)
		tests[t.Name()] = rec
		current = nil
	})
}

// recordingClient is the SDK's own HTTP client, noting each request it completes with a 2xx.
type recordingClient struct {
	platformclientv2.AbstractHttpClient
}

func (c recordingClient) Do(o *platformclientv2.HTTPRequestOptions) (*http.Response, error) {
	resp, err := c.AbstractHttpClient.Do(o)
	if err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		recordCall(o.GetMethod(), o.GetUrl().Path)
	}
	return resp, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	passed := map[string]bool{}
	for _, rec := range tests {
		if rec.Status == "pass" {
			for _, c := range rec.Calls {
				passed[strings.SplitN(c, " ", 2)[1]] = true
			}
		}
	}
	var missing []string
	for _, op := range reference {
		if !passed[op.id] {
			missing = append(missing, op.id)
		}
	}
	sort.Strings(missing)
	if len(reference) != 79 || len(missing) > 0 {
		fmt.Printf("FAIL: %d reference operations, not called successfully in a passing test: %v\n", len(reference), missing)
		if code == 0 {
			code = 1
		}
	} else {
		fmt.Printf("every one of the %d reference operations was called successfully through the Go SDK\n", len(reference))
	}
	if dir := os.Getenv("ORGTRUST_RESULTS_DIR"); dir != "" {
		if err := writeResults(dir, missing); err != nil {
			fmt.Println("FAIL: results not written:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// writeResults writes go-operations.json (each test's outcome and calls) and go.xml (junit).
func writeResults(dir string, missing []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	doc := map[string]any{"client": "Go SDK (platform-client-sdk-go " + sdkVersion() + ")", "backend": backend, "tests": tests}
	data, _ := json.MarshalIndent(doc, "", " ")
	if err := os.WriteFile(filepath.Join(dir, "go-operations.json"), data, 0o644); err != nil {
		return err
	}
	type failure struct {
		Message string `xml:"message,attr"`
	}
	type testcase struct {
		Classname string    `xml:"classname,attr"`
		Name      string    `xml:"name,attr"`
		Failure   *failure  `xml:"failure,omitempty"`
		Skipped   *struct{} `xml:"skipped,omitempty"`
	}
	suite := struct {
		XMLName  xml.Name   `xml:"testsuite"`
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Cases    []testcase `xml:"testcase"`
	}{Name: "conformance/go (" + backend + ")"}
	names := make([]string, 0, len(tests))
	for name := range tests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c := testcase{Classname: "conformance/go", Name: name}
		switch tests[name].Status {
		case "fail":
			c.Failure = &failure{Message: "failed"}
		case "skipped":
			c.Skipped = &struct{}{}
		}
		suite.Cases = append(suite.Cases, c)
	}
	every := testcase{Classname: "conformance/go", Name: "TestMain: every reference operation called successfully"}
	if len(missing) > 0 {
		every.Failure = &failure{Message: "not called: " + strings.Join(missing, ", ")}
	}
	suite.Cases = append(suite.Cases, every)
	for _, c := range suite.Cases {
		suite.Tests++
		if c.Failure != nil {
			suite.Failures++
		}
	}
	out, err := xml.MarshalIndent(suite, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.xml"), append([]byte(xml.Header), out...), 0o644)
}

// sdkVersion is the SDK module's version as go.mod pins it (a test binary carries no module
// build info).
func sdkVersion() string {
	data, _ := os.ReadFile(filepath.Join(root, "conformance", "go", "go.mod"))
	if m := regexp.MustCompile(`github.com/mypurecloud/platform-client-sdk-go/v\d+ (\S+)`).FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return "(version not in go.mod)"
}

// ---- the server ----

type server struct {
	cmd  *exec.Cmd
	port int
	base string
}

func databaseURL(t *testing.T) string {
	if backend != "postgres" {
		return "sqlite::memory:"
	}
	admin := os.Getenv("ORGTRUST_TEST_PG_URL")
	if admin == "" {
		t.Fatal("ORGTRUST_CONFORMANCE_BACKEND=postgres needs ORGTRUST_TEST_PG_URL")
	}
	name := fmt.Sprintf("sdk_go_%d_%d", os.Getpid(), databases.Add(1))
	if out, err := exec.Command("psql", admin, "-qc", "CREATE DATABASE "+name).CombinedOutput(); err != nil {
		t.Fatalf("CREATE DATABASE %s: %v %s", name, err, out)
	}
	return admin[:strings.LastIndex(admin, "/")] + "/" + name
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer starts `orgtrust serve` with the demo fixture changed by `edit` and `extra`
// arguments (`--emulator`), stopped when the test ends.
func startServer(t *testing.T, edit func(doc map[string]any), extra ...string) *server {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "fixtures", "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(doc)
	}
	fixture := filepath.Join(t.TempDir(), "fixture.json")
	data, _ = json.Marshal(doc)
	if err := os.WriteFile(fixture, data, 0o600); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	cmd := exec.Command(binary, append([]string{"serve", "--listen", fmt.Sprintf("127.0.0.1:%d", port), "--database", databaseURL(t), "--fixture", fixture}, extra...)...)
	scan := ""
	if scanDir != "" {
		// Under the secret scan: debug logs into the scan directory, traffic through a relay.
		scan = filepath.Join(scanDir, fmt.Sprintf("go-%d-%d", os.Getpid(), port))
		cmd.Args = append(cmd.Args, "--log", "debug")
		stdout, _ := os.Create(scan + ".stdout")
		stderr, _ := os.Create(scan + ".log")
		cmd.Stdout, cmd.Stderr = stdout, stderr
	} else {
		cmd.Env = append(os.Environ(), "ORGTRUST_LOG=warn")
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("orgtrust exited: %v", cmd.ProcessState)
		default:
		}
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/api/v2/organizations/me", port))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 401 {
				reached := port
				if scan != "" {
					reached = tap(t, port, scan+".wire")
				}
				return &server{cmd: cmd, port: reached, base: fmt.Sprintf("http://127.0.0.1:%d", reached)}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("orgtrust did not start")
	return nil
}

// tap is a byte-for-byte TCP relay to `upstream` on a free loopback port, appending everything
// that crosses it (both ways) to `wireFile` in conformance/python/wiretap.py's framing:
// `<connection> <up|down> <length>` on a line, then the bytes.
func tap(t *testing.T, upstream int, wireFile string) int {
	wire, err := os.OpenFile(wireFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var mu sync.Mutex
	var n int
	go func() {
		for {
			client, err := l.Accept()
			if err != nil {
				return
			}
			upstreamConn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", upstream))
			if err != nil {
				client.Close()
				continue
			}
			n++
			pump := func(from, to net.Conn, tag string) {
				buf := make([]byte, 65536)
				for {
					k, err := from.Read(buf)
					if k > 0 {
						mu.Lock()
						fmt.Fprintf(wire, "%s %d\n", tag, k)
						wire.Write(buf[:k])
						mu.Unlock()
						to.Write(buf[:k])
					}
					if err != nil {
						if tc, ok := to.(*net.TCPConn); ok {
							tc.CloseWrite()
						}
						return
					}
				}
			}
			go pump(client, upstreamConn, fmt.Sprintf("%d up", n))
			go pump(upstreamConn, client, fmt.Sprintf("%d down", n))
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// config is an SDK configuration pointed at the server with BasePath, its HTTP client recording.
func (s *server) config() *platformclientv2.Configuration {
	// No configuration file of the user's (~/.genesyscloudgo/config): a path that does not exist.
	c := platformclientv2.NewConfigurationWithConfigFile(filepath.Join(os.TempDir(), "orgtrust-no-genesyscloudgo-config"), false)
	c.BasePath = s.base
	c.APIClient.SetHttpClient(recordingClient{c.APIClient.GetHttpClient()})
	return c
}

// signIn is a configuration signed in with the SDK's own client-credentials login (it derives
// the login host from BasePath, `//api.` to `//login.`, which leaves a loopback base as it is).
func (s *server) signIn(t *testing.T, clientID string) *platformclientv2.Configuration {
	t.Helper()
	c := s.config()
	if err := c.AuthorizeClientCredentials(clientID, clientID+"-secret"); err != nil {
		t.Fatalf("sign in %s: %v", clientID, err)
	}
	return c
}

// token posts `form` to the token endpoint with HTTP Basic client credentials.
func (s *server) token(clientID, secret string, form url.Values) (int, map[string]any) {
	req, _ := http.NewRequest("POST", s.base+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(clientID+":"+secret)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	var body map[string]any
	data, _ := io.ReadAll(resp.Body)
	json.Unmarshal(data, &body)
	return resp.StatusCode, body
}

// userConfig holds a user's token from the password grant (the SDK has no helper for it).
func (s *server) userConfig(t *testing.T, clientID, username, password, target string) *platformclientv2.Configuration {
	t.Helper()
	form := url.Values{"grant_type": {"password"}, "username": {username}, "password": {password}}
	if target != "" {
		form.Set("target", target)
	}
	status, body := s.token(clientID, clientID+"-secret", form)
	if status != 200 {
		t.Fatalf("password grant: %d %v", status, body)
	}
	c := s.config()
	c.AccessToken = body["access_token"].(string)
	return c
}

// generic calls an operation this SDK release has no method for through its own
// APIClient.CallAPI, with the reference's method and path; answers the decoded JSON.
func generic(t *testing.T, c *platformclientv2.Configuration, method, path string, query map[string]string, body any) (any, *platformclientv2.APIResponse) {
	t.Helper()
	headers := map[string]string{
		"Authorization": "Bearer " + c.AccessToken,
		"Content-Type":  "application/json",
		"Accept":        "application/json",
	}
	recMu.Lock()
	via = "generic"
	recMu.Unlock()
	defer func() {
		recMu.Lock()
		via = "sdk"
		recMu.Unlock()
	}()
	resp, err := c.APIClient.CallAPI(c.BasePath+path, method, body, headers, query, nil, "", nil, "")
	if resp == nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	var out any
	if len(resp.RawBody) > 0 {
		if err := json.Unmarshal(resp.RawBody, &out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, resp.RawBody)
		}
	}
	return out, resp
}

// ok fails the test unless the SDK call succeeded.
func ok(t *testing.T, resp *platformclientv2.APIResponse, err error) {
	t.Helper()
	if err != nil || resp == nil || !resp.IsSuccess {
		body := ""
		if resp != nil {
			body = string(resp.RawBody)
		}
		t.Fatalf("call failed: %v %s", err, body)
	}
}

// refused expects the call's answer to be the Genesys ErrorBody of `status` (and `code`).
func refused(t *testing.T, resp *platformclientv2.APIResponse, status int, code string) {
	t.Helper()
	if resp == nil {
		t.Fatalf("expected %d, got no answer", status)
	}
	var body struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
	}
	json.Unmarshal(resp.RawBody, &body)
	if resp.StatusCode != status || body.Status != status || (code != "" && body.Code != code) {
		t.Fatalf("expected %d %s, got %d %s", status, code, resp.StatusCode, resp.RawBody)
	}
}

func eq(t *testing.T, want, got any) {
	t.Helper()
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if !bytes.Equal(w, g) {
		t.Fatalf("want %s, got %s", w, g)
	}
}

func ptr[T any](v T) *T { return &v }

// jsonOf re-reads a value (an `*interface{}` answer, say) as generic JSON.
func jsonOf(t *testing.T, v any) map[string]any {
	t.Helper()
	data, _ := json.Marshal(v)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("not an object: %s", data)
	}
	return out
}
