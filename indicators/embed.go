// Package indicators embeds the default indicator model of selfdiag: a
// reconstruction of the «Школа Минпросвещения России» self-diagnosis made for
// demonstration and testing, not the official methodology.
package indicators

import "embed"

// FS holds model.yaml and one YAML file per component.
//
//go:embed *.yaml
var FS embed.FS
