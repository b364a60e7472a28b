package main

import (
	_ "github.com/pulumi/pulumi/sdk/v3/proto/go"
	_ "github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
)

func main() {}
