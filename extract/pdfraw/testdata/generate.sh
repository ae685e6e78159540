#!/bin/sh
# Regenerates the committed qpdf-made test inputs (qpdf is not needed on CI).
# source.pdf is a hand-written one-page PDF: content stream
# "BT /F1 24 Tf 72 700 Td (Hello, pdfraw!) Tj ET", /Info /Title (pdfraw test)
# an XMP /Metadata stream and a (fake) DCT image XObject /Im1.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
content = b"BT /F1 24 Tf 72 700 Td (Hello, pdfraw!) Tj ET\n"
jpeg = b"\xff\xd8\xff\xe0 not really a JPEG \xff\xd9"
xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>pdfraw</x:xmpmeta>\n"
objs = [
    b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 8 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Title (pdfraw test) /Producer (hand-written) >>",
    b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp + b"\nendstream",
    b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(jpeg) + jpeg + b"\nendstream",
]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open("source.pdf", "wb").write(out)
PY
Q="qpdf --static-id --compress-streams=y --allow-weak-crypto"
$Q --encrypt "" owner 40 -- source.pdf rc4-40.pdf
$Q --encrypt "" owner 128 --use-aes=n -- source.pdf rc4-128.pdf
$Q --encrypt "" owner 128 --use-aes=y -- source.pdf aes-128.pdf
$Q --encrypt "" owner 128 --use-aes=y --cleartext-metadata -- source.pdf aes-128-cleartext-metadata.pdf
$Q --encrypt "" owner 256 --force-R5 -- source.pdf aes-256-r5.pdf
$Q --encrypt "" owner 256 -- source.pdf aes-256-r6.pdf
$Q --encrypt "" owner 256 -- --object-streams=generate source.pdf aes-256-objstm.pdf
$Q --encrypt secret owner 128 --use-aes=y -- source.pdf user-password.pdf
$Q --encrypt secret owner 256 -- source.pdf user-password-256.pdf
$Q --object-streams=generate source.pdf objstm.pdf
ls -l *.pdf
