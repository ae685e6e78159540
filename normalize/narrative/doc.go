// Package narrative reads the prose part of a final-account report (部门决算
// 情况说明): the text outside the tables, in reading order, re-joined across
// line and page breaks. It turns every figure stated in it into a row of the
// statements dataset, matches the figures that name a table figure to that
// cell, and checks the text against the tables and against itself (check_ids
// N.*) and the document's own consistency (D.*).
//
// A sentence it cannot resolve stays a statement without a check: a check
// fails only on figures that are certainly wrong once every printed figure
// is allowed its rounding (half its last digit).
package narrative
