//go:build !unix

package batch

import "io/fs"

// keyOf cannot identify a folder here: the walker then follows no link to
// a folder, since it could not tell a loop.
func keyOf(fs.FileInfo) (fileKey, bool) { return fileKey{}, false }
