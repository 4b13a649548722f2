package scoring

import (
	"os/exec"
	"strings"
	"testing"
)

// TestScoringLinksNoSpreadsheet: the core an auditor reads depends on the
// model and the answers' types, not on the readers and their spreadsheet
// library.
func TestScoringLinksNoSpreadsheet(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "excelize") || strings.HasSuffix(dep, "/internal/answers") {
			t.Errorf("scoring depends on %s", dep)
		}
	}
}
