package normalize

import "github.com/juesuan/juesuan/internal/textfold"

// CleanLabel removes line breaks, padding and letter-spacing from a printed
// row label: every run of white space is dropped, except that one space is
// kept between two ASCII words ("PPP 项目" loses it, "Other expenses" keeps
// it). Leading enumerations such as "一、" are kept as printed. It is
// textfold.CleanLabel, kept here because line items are read with it.
func CleanLabel(s string) string { return textfold.CleanLabel(s) }
