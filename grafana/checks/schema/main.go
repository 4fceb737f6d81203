// Command schema validates exported Grafana boards with Grafana's own schema types.
//
// It uses the Go module github.com/grafana/grafana-foundation-sdk/go (the
// version go.mod pins): each file is decoded with Dashboard.UnmarshalJSONStrict,
// which refuses fields the schema does not define and values of the wrong type
// (panels and queries through the SDK's registered plugin variants), then
// checked with Dashboard.Validate. One JSON line per file goes to stdout:
// {"file": ..., "ok": true} or {"file": ..., "ok": false, "error": ...}.
// The exit status is 1 when any board fails, 2 on bad usage.
//
// Usage: schema BOARD.json [BOARD.json ...]
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

type result struct {
	File  string `json:"file"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func check(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var board dashboard.Dashboard
	if err := failure(board.UnmarshalJSONStrict(raw)); err != nil {
		return fmt.Errorf("strict decoding: %w", err)
	}
	if err := failure(board.Validate()); err != nil {
		return fmt.Errorf("validation: %w", err)
	}
	return nil
}

// failure is err unless it is an empty cog.BuildErrors: the generated
// UnmarshalJSONStrict methods of v0.0.22 end with `return errs`, so a board
// without a single error comes back as a non-nil error holding a nil list.
func failure(err error) error {
	var errs cog.BuildErrors
	if errors.As(err, &errs) && len(errs) == 0 {
		return nil
	}
	return err
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: schema BOARD.json [BOARD.json ...]")
		os.Exit(2)
	}
	plugins.RegisterDefaultPlugins()
	out := json.NewEncoder(os.Stdout)
	failed := false
	for _, path := range os.Args[1:] {
		r := result{File: path, OK: true}
		if err := check(path); err != nil {
			r.OK, r.Error, failed = false, err.Error(), true
		}
		if err := out.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if failed {
		os.Exit(1)
	}
}
