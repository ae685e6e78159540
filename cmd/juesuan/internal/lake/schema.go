package lake

import (
	"fmt"
	"reflect"

	"github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/juesuan/juesuan/schema"
)

// partitionFieldID is the Iceberg partition field of fiscal_year: 1000,
// the first partition field ID by the spec's convention.
const partitionFieldID = 1000

// rowTypes are the row types of the datasets, whose parquet tags carry the
// field IDs of the Iceberg schema (schema/rows.go).
var rowTypes = map[string]reflect.Type{
	schema.DatasetReports:    reflect.TypeFor[schema.Report](),
	schema.DatasetLineItems:  reflect.TypeFor[schema.LineItem](),
	schema.DatasetChecks:     reflect.TypeFor[schema.Check](),
	schema.DatasetStatements: reflect.TypeFor[schema.Statement](),
}

// sortColumns is each dataset's sort order: the order compaction writes a
// partition's rows in (department, then report_id; package compact), then
// the order of a report's own rows where a column says it.
var sortColumns = map[string][]string{
	schema.DatasetReports:    {"department", "report_id"},
	schema.DatasetLineItems:  {"department", "report_id", "table_id", "row_seq"},
	schema.DatasetChecks:     {"department", "report_id"},
	schema.DatasetStatements: {"department", "report_id", "seq"},
}

// icebergSchema is a dataset's Iceberg schema, read from the Parquet schema
// of its row type: the same names, field IDs and types, so that a data
// file's columns map to the table's by ID.
func icebergSchema(dataset string) (*iceberg.Schema, error) {
	t, ok := rowTypes[dataset]
	if !ok {
		return nil, fmt.Errorf("no dataset %q", dataset)
	}
	ps := parquet.SchemaOf(reflect.New(t).Interface())
	var fields []iceberg.NestedField
	for _, f := range ps.Fields() {
		typ, err := icebergType(f)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", dataset, f.Name(), err)
		}
		if f.ID() == 0 {
			return nil, fmt.Errorf("%s.%s has no field id in its parquet tag", dataset, f.Name())
		}
		fields = append(fields, iceberg.NestedField{ID: f.ID(), Name: f.Name(), Type: typ, Required: !f.Optional()})
	}
	return iceberg.NewSchema(0, fields...), nil
}

// icebergType maps a leaf of juesuan's Parquet schemas to its Iceberg type.
func icebergType(f parquet.Field) (iceberg.Type, error) {
	if lt := f.Type().LogicalType(); lt != nil {
		switch v := lt.Value.(type) {
		case *format.DecimalType:
			return iceberg.DecimalTypeOf(int(v.Precision), int(v.Scale)), nil
		case *format.StringType:
			return iceberg.PrimitiveTypes.String, nil
		}
	}
	switch f.Type().Kind() {
	case parquet.Boolean:
		return iceberg.PrimitiveTypes.Bool, nil
	case parquet.Int32:
		return iceberg.PrimitiveTypes.Int32, nil
	case parquet.Int64:
		return iceberg.PrimitiveTypes.Int64, nil
	case parquet.Float:
		return iceberg.PrimitiveTypes.Float32, nil
	case parquet.Double:
		return iceberg.PrimitiveTypes.Float64, nil
	case parquet.ByteArray:
		return iceberg.PrimitiveTypes.String, nil
	}
	return nil, fmt.Errorf("no Iceberg type for parquet %s", f.Type())
}

// partitionSpec is identity(fiscal_year), the Hive folders' key.
func partitionSpec(sc *iceberg.Schema) (iceberg.PartitionSpec, error) {
	f, ok := sc.FindFieldByName("fiscal_year")
	if !ok {
		return iceberg.PartitionSpec{}, fmt.Errorf("no fiscal_year column")
	}
	return iceberg.NewPartitionSpec(iceberg.PartitionField{
		SourceIDs: []int{f.ID}, FieldID: partitionFieldID, Name: "fiscal_year", Transform: iceberg.IdentityTransform{},
	}), nil
}

// sortOrder is the dataset's sort order (sortColumns), ascending, nulls
// first as compaction writes them (an empty department sorts first).
func sortOrder(dataset string, sc *iceberg.Schema) (table.SortOrder, error) {
	var fields []table.SortField
	for _, name := range sortColumns[dataset] {
		f, ok := sc.FindFieldByName(name)
		if !ok {
			return table.SortOrder{}, fmt.Errorf("%s: no column %s to sort by", dataset, name)
		}
		fields = append(fields, table.SortField{SourceIDs: []int{f.ID}, Transform: iceberg.IdentityTransform{},
			Direction: table.SortASC, NullOrder: table.NullsFirst})
	}
	return table.NewSortOrder(1, fields)
}
