// Package normalize turns the logical tables of package tables (raw printed
// text per cell) into typed line_items rows of the contract
// (docs/CONTRACT.md), and reads the report metadata (department, fiscal
// year, kind of document, unit) from page text.
//
// Every figure stays exact: amounts are shopspring decimals parsed from the
// printed digits, never floats, and a cell that cannot be read is an error
// naming its page, table, row and column rather than a silent null.
package normalize
