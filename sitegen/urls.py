"""Addresses as a browser follows them, written as valid URLs (pure functions)."""

from __future__ import annotations

import functools
import re

# A reference to an article written without its file's suffix (post_url's NAME, Hugo's
# "/blog/my-post"): the file is found when the articles are known (links.linked_article).
ARTICLE_STEM = "{article}"
_LINE_BREAKS = str.maketrans("", "", "\t\n\r")  # dropped from a URL, as browsers do
# Where a URL's address part ends: after its scheme and authority (kept as typed; brackets are
# an IPv6 host's there), or at the start of a relative one.
_AUTHORITY = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?(?://[^/?#\\]*)?")
# A web address's scheme and the slashes and backslashes after it, other than two slashes.
_WEB_SLASHES = re.compile(r"(?i)(https?:)(?!//[^/\\])[/\\]+")
# What is percent-encoded in the rest: what WHATWG's URL parser encodes (or flags) in a path,
# query or fragment, a '%' that starts no escape, and the replacement character (U+FFFD) that
# stands for bytes of a file that were no text. Letters of any script stay as typed.
_NOT_IN_URL = re.compile(r'[\s"<>`{}|^\[\]\x00-\x1f\x7f\ufffd]|%(?![0-9A-Fa-f]{2})')


def fixed_url(url: str) -> str:
    """The address as a browser follows it, written as a valid URL: line breaks and tabs dropped
    (a link typed over two lines), a backslash in a web address read as the slash it stands for,
    a second '#' and what no URL holds as such percent-encoded ("my file.pdf": "my%20file.pdf").
    The page's link leads where the browser would have led it, and the page is valid HTML.
    A reference to an article (ARTICLE_STEM) stays as it is until it is resolved."""
    if url.startswith(ARTICLE_STEM):
        return url
    url = url.translate(_LINE_BREAKS).strip()
    if _WEB_SLASHES.match(url):  # https:/x.org, https:\\x.org: two slashes to a browser
        url = _WEB_SLASHES.sub(r"\1//", url, count=1)
    authority = _AUTHORITY.match(url)
    start = authority.end() if authority else 0
    web = not url[:start].lower().startswith("mailto:")
    head, rest = url[:start], url[start:]
    if web and "\\" in head + rest:
        query = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
        head, rest = head.replace("\\", "/"), rest[:query].replace("\\", "/") + rest[query:]
    path, hash_sign, fragment = rest.partition("#")
    encode = functools.partial(_NOT_IN_URL.sub, lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")))
    return head + encode(path) + hash_sign + encode(fragment).replace("#", "%23")


_WEB_SCHEME = re.compile(r"(?i)https?:")
# A host a browser can reach, and its port: an IPv6 address in brackets, or a name with none of
# the code points a host may not hold (WHATWG's forbidden domain code points: no '@' of a user
# name and password, no '%', no bracket, no space ...). Letters of any script are a name's.
_REACHABLE = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[^\x00-\x20\x7f#%/:<>?@\[\\\]^|]+)(?::[0-9]*)?")


def unreachable(url: str) -> bool:
    """Whether a web address (http, https) as fixed_url writes it names no host a browser can
    reach: "https:ـ//x.org" (no slashes after the scheme), "https://x.org[1]", "https://x%.org",
    "https://user@x.org" (a user name, which browsers refuse or ask about). Other addresses
    (relative ones, mailto:) are not web addresses here."""
    scheme = _WEB_SCHEME.match(url)
    if scheme is None:
        return False
    rest = url[scheme.end() :]
    if not rest.startswith("//"):
        return True
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    return _REACHABLE.fullmatch(authority) is None
