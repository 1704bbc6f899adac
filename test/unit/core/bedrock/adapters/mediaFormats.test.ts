import assert from 'node:assert/strict';
import { documentFormatOfName, documentName, formatBytes, imageFormatOfName, imageSize, isUtf8Text, looksLikeDocument, sniffImageFormat } from '../../../../../src/core/bedrock/adapters/mediaFormats';
import { GIF_2X3, PNG_1X1, WEBP_5X7, jpegOfSize, pdfOf, pngOfSize, utf8 } from './mediaSamples';

describe('media formats', () => {
  it('recognises formats by name and by bytes', () => {
    assert.equal(imageFormatOfName('shot.JPG'), 'jpeg');
    assert.equal(imageFormatOfName('a/b/c.webp'), 'webp');
    assert.equal(imageFormatOfName('a.bmp'), undefined);
    assert.equal(documentFormatOfName('Report.HTM'), 'html');
    assert.equal(documentFormatOfName('x.ts'), undefined);
    assert.equal(sniffImageFormat(PNG_1X1), 'png');
    assert.equal(sniffImageFormat(jpegOfSize(1, 1)), 'jpeg');
    assert.equal(sniffImageFormat(GIF_2X3), 'gif');
    assert.equal(sniffImageFormat(WEBP_5X7), 'webp');
    assert.equal(sniffImageFormat(pdfOf()), undefined);
  });

  it('reads the pixel size from each header', () => {
    assert.deepEqual(imageSize(PNG_1X1), { width: 1, height: 1 });
    assert.deepEqual(imageSize(pngOfSize(9000, 20)), { width: 9000, height: 20 });
    assert.deepEqual(imageSize(jpegOfSize(640, 480)), { width: 640, height: 480 });
    assert.deepEqual(imageSize(GIF_2X3), { width: 2, height: 3 });
    assert.deepEqual(imageSize(WEBP_5X7), { width: 5, height: 7 });
    assert.equal(imageSize(new Uint8Array([0x89, 0x50])), undefined);
  });

  it('checks a document is what its name says', () => {
    assert.equal(looksLikeDocument('pdf', pdfOf()), true);
    assert.equal(looksLikeDocument('pdf', utf8('not a pdf')), false);
    assert.equal(looksLikeDocument('docx', new Uint8Array([0x50, 0x4b, 3, 4, 0])), true);
    assert.equal(looksLikeDocument('md', utf8('# hi')), true);
    assert.equal(looksLikeDocument('txt', new Uint8Array([0x41, 0, 0x42])), false);
    assert.equal(isUtf8Text(new Uint8Array([0xc3, 0x28])), false);
  });

  it('document names keep alphanumerics, single spaces, hyphens, parentheses and brackets, at most 200', () => {
    assert.equal(documentName('/x/y/Q3_report  [draft] (v2)!.pdf'), 'Q3 report [draft] (v2)');
    assert.equal(documentName('.pdf'), 'document');
    assert.equal(documentName(`${'a'.repeat(300)}.md`).length, 200);
    assert.match(documentName('résumé—final.docx'), /^[A-Za-z0-9\s\-()[\]]+$/);
  });

  it('formats byte counts in decimal units, as Bedrock states its limits', () => {
    assert.equal(formatBytes(3_750_000), '3.75 MB');
    assert.equal(formatBytes(812_400), '812 KB');
    assert.equal(formatBytes(12), '12 bytes');
  });
});
