package io.trailhound.aws.s3;

import io.trailhound.core.event.IsoInstants;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * One page of ListObjectsV2 with a delimiter: the objects directly under the prefix, its
 * sub-prefixes, and the token of the next page (null on the last); without one, every key under the prefix. Fetched as {@link S3Http} sends
 * it and read with a streaming XML parser, which for a listing of thousands of keys costs a
 * fraction of the SDK's unmarshalling into its model; keys come URL-encoded (encoding-type=url),
 * so that any key, even one with characters XML cannot carry, is read back exactly.
 */
record ListPage(List<S3Object> objects, List<String> prefixes, String nextToken) {
    private static final XMLInputFactory XML = safeFactory();

    /** @param delimiter "/" for one level, null for every key under {@code prefix} */
    static ListPage fetch(S3Http http, String bucket, String prefix, String delimiter, String token) {
        return fetch(http, bucket, prefix, delimiter, token, 0);
    }

    /** @param maxKeys keys a page holds at most; 0: S3's default (1,000) */
    static ListPage fetch(S3Http http, String bucket, String prefix, String delimiter, String token, int maxKeys) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("prefix", prefix);
        if (delimiter != null) {
            query.put("delimiter", delimiter); // none: every key under the prefix
        }
        query.put("encoding-type", "url");
        if (token != null) {
            query.put("continuation-token", token);
        }
        if (maxKeys > 0) {
            query.put("max-keys", Integer.toString(maxKeys));
        }
        ListPage page = http.send(bucket, "", query, Map.of(), body -> read(bucket, prefix, body));
        return page != null ? page : viaSdk(http, bucket, prefix, delimiter, token, maxKeys);
    }

    /** A connection lost mid-page is an IOException (asked again); a page that is not a listing is not retried. */
    private static ListPage read(String bucket, String prefix, AbortableInputStream body) throws IOException {
        try (body) {
            return parse(bucket, body);
        } catch (XMLStreamException e) {
            for (Throwable c = e; c != null; c = c.getCause() != null ? c.getCause()
                    : c instanceof XMLStreamException x ? x.getNestedException() : null) {
                if (c instanceof IOException lost) {
                    throw lost;
                }
            }
            throw SdkClientException.create("ListObjectsV2 of s3://" + bucket + "/" + prefix + ": not a listing: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw SdkClientException.create("ListObjectsV2 of s3://" + bucket + "/" + prefix + ": not a listing: "
                    + e.getMessage(), e);
        }
    }

    /** The elements of a ListBucketResult that a listing needs; everything else is skipped. */
    static ListPage parse(String bucket, InputStream xml) throws XMLStreamException, IOException {
        XMLStreamReader r = XML.createXMLStreamReader(xml);
        List<S3Object> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        boolean truncated = false;
        boolean urlEncoded = false;
        String key = null;
        String etag = null;
        long size = -1;
        Instant modified = null;
        int depth = 0; // of the element open: 1 the root, 2 its children
        String section = null; // Contents or CommonPrefixes
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamReader.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        continue; // ListBucketResult
                    } else if (depth == 2 && (name.equals("Contents") || name.equals("CommonPrefixes"))) {
                        section = name;
                        key = null;
                        etag = null;
                        size = -1;
                        modified = null;
                    } else if (depth == 2) {
                        depth--; // each of these is read to its end here
                        switch (name) {
                            case "IsTruncated" -> truncated = Boolean.parseBoolean(r.getElementText().trim());
                            case "NextContinuationToken" -> next = r.getElementText();
                            case "EncodingType" -> urlEncoded = r.getElementText().trim().equalsIgnoreCase("url");
                            default -> skip(r);
                        }
                    } else { // in Contents or CommonPrefixes: every other element was read to its end
                        depth--;
                        switch (section == null ? "" : name) {
                            case "Key", "Prefix" -> key = r.getElementText();
                            case "ETag" -> etag = S3Object.bareEtag(r.getElementText());
                            case "Size" -> size = Long.parseLong(r.getElementText().trim());
                            case "LastModified" -> modified = lastModified(r.getElementText().trim());
                            default -> skip(r); // Owner, RestoreStatus and the like
                        }
                    }
                } else if (ev == XMLStreamReader.END_ELEMENT) {
                    if (depth == 2 && section != null && key != null) {
                        String k = urlEncoded ? SdkHttpUtils.urlDecode(key) : key;
                        if (section.equals("Contents")) {
                            objects.add(new S3Object(bucket, k, etag, size, modified));
                        } else {
                            prefixes.add(k);
                        }
                    }
                    if (depth == 2) {
                        section = null;
                    }
                    depth--;
                }
            }
        } finally {
            r.close();
        }
        return new ListPage(objects, prefixes, truncated ? next : null);
    }

    /**
     * S3's {@code 2026-11-01T10:05:00.000Z} (or without the fraction) read with the decoder's parser of {@code eventTime}:
     * {@link Instant#parse} cost a third of reading a listing page, once per object. Any other
     * form (more digits, an offset, a year before 1970) is left to {@link Instant#parse}, as before.
     */
    static Instant lastModified(String text) {
        int n = text.length();
        boolean s3Form = (n == 20 || n == 24 && text.charAt(19) == '.') && text.charAt(10) == 'T' && text.charAt(n - 1) == 'Z';
        long millis = s3Form ? IsoInstants.parseMillis(text) : Long.MIN_VALUE;
        return millis != Long.MIN_VALUE ? Instant.ofEpochMilli(millis) : Instant.parse(text);
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        for (int open = 1; open > 0; ) {
            int ev = r.next();
            if (ev == XMLStreamReader.START_ELEMENT) {
                open++;
            } else if (ev == XMLStreamReader.END_ELEMENT) {
                open--;
            }
        }
    }

    private static ListPage viaSdk(S3Http http, String bucket, String prefix, String delimiter, String token, int maxKeys) {
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter(delimiter)
                .continuationToken(token);
        if (maxKeys > 0) {
            req.maxKeys(maxKeys);
        }
        ListObjectsV2Response page = http.client().listObjectsV2(req.build());
        List<S3Object> objects = new ArrayList<>(page.contents().size());
        for (software.amazon.awssdk.services.s3.model.S3Object o : page.contents()) {
            objects.add(new S3Object(bucket, o.key(), S3Object.bareEtag(o.eTag()), o.size() == null ? -1 : o.size(),
                    o.lastModified()));
        }
        return new ListPage(objects, page.commonPrefixes().stream().map(CommonPrefix::prefix).toList(),
                Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
    }

    /** No DTDs, no external entities: the document comes from the network. */
    private static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
