package pdfraw

import "fmt"

// unpredict reverses a PNG (10-15) or TIFF (2) predictor given in parms.
func unpredict(data []byte, parms *dict, d *document) ([]byte, error) {
	if parms == nil {
		return data, nil
	}
	param := func(key name, def int64) int64 {
		if v, ok := asInt(d.resolve(parms.get(key))); ok {
			return v
		}
		return def
	}
	return Unpredict(data, param("Predictor", 1), param("Colors", 1), param("BitsPerComponent", 8), param("Columns", 1))
}

// Unpredict reverses a PNG (10-15) or TIFF (2) predictor with the given
// decode parameters (for image data decoded outside this package: OCR).
func Unpredict(data []byte, pred, colors, bpc, columns int64) ([]byte, error) {
	if pred <= 1 {
		return data, nil
	}
	if colors < 1 || colors > 32 || columns < 1 || columns > 1<<24 {
		return nil, fmt.Errorf("bad predictor parameters Colors %d Columns %d", colors, columns)
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return nil, fmt.Errorf("bad predictor BitsPerComponent %d", bpc)
	}
	rowLen := int((colors*bpc*columns + 7) / 8)
	bpp := int((colors*bpc + 7) / 8)
	// A row longer than the data is one partial row: do not allocate for it.
	rowLen = min(rowLen, len(data)+1)
	switch {
	case pred == 2:
		return tiffUnpredict(data, rowLen, int(colors), int(bpc)), nil
	case pred >= 10:
		return pngUnpredict(data, rowLen, bpp)
	}
	return nil, fmt.Errorf("unknown predictor %d", pred)
}

// pngUnpredict undoes per-row PNG filters; each row starts with its type byte.
// A final partial row is decoded as far as it goes.
func pngUnpredict(data []byte, rowLen, bpp int) ([]byte, error) {
	out := make([]byte, 0, len(data)/(rowLen+1)*rowLen+rowLen)
	prev := make([]byte, rowLen)
	for i := 0; i < len(data); i += rowLen + 1 {
		typ := data[i]
		end := i + 1 + rowLen
		if end > len(data) {
			end = len(data)
		}
		row := append([]byte(nil), data[i+1:end]...)
		for x := range row {
			var left, upLeft byte
			if x >= bpp {
				left = row[x-bpp]
				upLeft = prev[x-bpp]
			}
			up := prev[x]
			switch typ {
			case 0:
			case 1:
				row[x] += left
			case 2:
				row[x] += up
			case 3:
				row[x] += byte((int(left) + int(up)) / 2)
			case 4:
				row[x] += paeth(left, up, upLeft)
			default:
				return out, &partialError{fmt.Errorf("unknown PNG filter type %d", typ)}
			}
		}
		out = append(out, row...)
		copy(prev, row)
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// tiffUnpredict undoes TIFF predictor 2: each sample is stored as the
// difference from the same colour component of the sample to its left.
func tiffUnpredict(data []byte, rowLen, colors, bpc int) []byte {
	out := append([]byte(nil), data...)
	for start := 0; start < len(out); start += rowLen {
		end := start + rowLen
		if end > len(out) {
			end = len(out)
		}
		row := out[start:end]
		switch bpc {
		case 8:
			for x := colors; x < len(row); x++ {
				row[x] += row[x-colors]
			}
		case 16:
			for x := 2 * colors; x+1 < len(row); x += 2 {
				v := uint16(row[x])<<8 | uint16(row[x+1])
				p := uint16(row[x-2*colors])<<8 | uint16(row[x-2*colors+1])
				v += p
				row[x], row[x+1] = byte(v>>8), byte(v)
			}
		default:
			samples := len(row) * 8 / bpc
			mask := 1<<bpc - 1
			for s := colors; s < samples; s++ {
				v := getBits(row, s, bpc) + getBits(row, s-colors, bpc)
				setBits(row, s, bpc, v&mask)
			}
		}
	}
	return out
}

func getBits(row []byte, sample, bpc int) int {
	bit := sample * bpc
	shift := 8 - bpc - bit%8
	return int(row[bit/8]>>shift) & (1<<bpc - 1)
}

func setBits(row []byte, sample, bpc, v int) {
	bit := sample * bpc
	shift := 8 - bpc - bit%8
	mask := byte((1<<bpc - 1) << shift)
	row[bit/8] = row[bit/8]&^mask | byte(v<<shift)&mask
}
