package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// findPolicyEntry locates @pulumi/pulumi's cmd/run-policy-pack the way Node resolves a bare
// import from dir (a policy pack may use the node_modules of a parent folder).
func findPolicyEntry(dir string) (string, error) {
	for _, nm := range nodeModulesDirs(dir) {
		candidate := filepath.Join(nm, "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js")
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
	}
	// The engine recognises this message and tells the user to install the pack's dependencies.
	return "", fmt.Errorf("Cannot find module '@pulumi/pulumi/cmd/run-policy-pack' from %s", dir)
}

// RunPlugin runs a plugin written in Node.js. The engine asks for it when a policy pack
// (PulumiPolicy.yaml, runtime nodejs) is given with --policy-pack: the kind is "analyzer" and
// the pack runs under @pulumi/pulumi's cmd/run-policy-pack, resolved from the pack's folder,
// with the engine address and the pack folder as arguments. The first line the pack prints is
// the port of its analyzer server, which the engine reads from the stdout this call streams.
// Other plugin kinds (resource providers written in Node.js) are not supported.
func (h *nodeHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	if req.GetKind() != "analyzer" {
		return status.Errorf(codes.Unimplemented, "this language host runs only policy packs, not %q plugins", req.GetKind())
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on PATH: %w", err)
	}
	entry, err := findPolicyEntry(dir)
	if err != nil {
		return err
	}
	args := append([]string{entry}, req.GetArgs()...)
	args = append(args, ".")

	cmd := exec.CommandContext(server.Context(), node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start the policy pack: %w", err)
	}

	var mu sync.Mutex // a gRPC stream must not be sent on concurrently
	send := func(r *pulumirpc.RunPluginResponse) {
		mu.Lock()
		defer mu.Unlock()
		_ = server.Send(r)
	}
	var wg sync.WaitGroup
	pump := func(from io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		buf := make([]byte, 32*1024)
		for {
			n, err := from.Read(buf)
			if n > 0 {
				send(wrap(append([]byte(nil), buf[:n]...)))
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()

	code := 0
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("policy pack: %w", err)
		}
		code = exitErr.ExitCode()
	}
	send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
	return nil
}
