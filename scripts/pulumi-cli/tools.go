//go:build tools

// Package tools pins the Pulumi CLI module so `go build` can build it from
// this module (see scripts/ensure-pulumi.sh).
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
