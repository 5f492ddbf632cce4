/* sitegen search: the search page's script (templates/search.html). No library, no server.

   A query is folded, split and stemmed exactly as sitegen.search.stems() indexed the articles,
   with the rules the index itself carries (index.json "rules"), so the two cannot drift apart.
   Each stem's shard (search/s/KEY.json) is fetched once; the result records come from chunks of
   article ids (search/d/N.json), fetched only for the results shown. Every word shown comes from
   the page's data attributes (the message catalogs). Node can load this file for the tests: it
   then exports the pure functions and touches no document. */
(function () {
  "use strict";

  // Python's \w+(?:['’]\w+)*: letters, digits (any script) and the underscore.
  const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;
  // Python's \s (str.isspace), which JavaScript's is not: U+001C-U+001F and U+0085 are
  // whitespace only to Python, U+FEFF only to JavaScript. Every expression here that joins words
  // across whitespace (COMPOUND, months, an ampersand) uses this one, as the index's rules do.
  // An article holds none of those (sitegen.read takes them out), but a query pasted may.
  const S = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  // sitegen.stemming._INITIALS: single Latin letters with dots (U.S., U.N., D.C.), one word
  // without them. Python's \w is [\p{L}\p{N}_] here as in WORD.
  const INITIALS = /(?<![\p{L}\p{N}_])[a-z](?:\.[a-z])+(?![\p{L}\p{N}_])\.?/u;
  // sitegen.stemming._GROUPED: a number with thousands separators (4,500, ٤٬٥٠٠ once folded),
  // one number without them.
  const GROUPED = /(?<![\p{L}\p{N}_.,\u066b\u066c])\p{Nd}{1,3}(?:[,\u066c]\p{Nd}{3})+(?![\p{L}\p{N}_\u066c]|[.,\u066b]\p{Nd})/u;
  const SEPARATORS = /[,\u066c]/gu;
  // sitegen.stemming._JOINER: what joins the words of a name with عبد or أبو (عبد الله) or of a
  // month (كانون الثاني): whitespace, or a hyphen with or without whitespace around it
  // (عبد-الله, كانون - الثاني).
  const JOINER = `(?:${S}*[\\-\\u2010\\u2011]${S}*|${S}+)`;
  const JOINS = new RegExp(JOINER, "gu");
  // sitegen.stemming._COMPOUND: a name with عبد or أبو (عبد الله, أبو ظبي, عبد-الله, after any
  // proclitics), one word joined (عبدالله, أبوظبي) as it is also written.
  const COMPOUND = new RegExp(
    `(?<![\\p{L}\\p{N}_])[وف]?[بكل]?(?:عبد|ابو)${JOINER}[\\u0621-\\u064a]+(?![\\p{L}\\p{N}_])`,
    "u",
  );
  const JOINED = new RegExp(`${S}|[\\-\\u2010\\u2011]`, "u"); // a word has neither: see words
  const ENDS_IN_SPACE = new RegExp(`${S}$`, "u");
  const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
  const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

  /** sitegen.stemming._MONTH, from rules.months: a month of two words (كانون الثاني, كانون ثاني,
   * after any proclitics), or one whose name is a common word before a year (آب 2024, آب 2024م),
   * one word joined (monthWord); or its two words as a tatweel joined them, folded (تشريناول). */
  function monthSource(rules) {
    const { firsts, ordinals, common } = rules.months;
    return (
      `${NOT_WORD_BEFORE}[وف]?[بكل]?(?:${firsts.join("|")})${JOINER}(?:ال)?(?:${ordinals.join("|")})${NOT_WORD_AFTER}` +
      `|${NOT_WORD_BEFORE}[وف]?(?:${common.join("|")})${S}+\\p{Nd}{4}[${rules.eras}]?${NOT_WORD_AFTER}` +
      `|${NOT_WORD_BEFORE}[وف]?[بكل]?(?:${firsts.join("|")})(?:${ordinals.join("|")})${NOT_WORD_AFTER}`
    );
  }

  /** sitegen.stemming._FUSED: a month's two words as a tatweel joined them (تشرينـأول, folded
   * تشريناول, after any proclitics) -> the month's word (تشرينالاول). */
  function fusedMonths(rules) {
    const fused = new Map();
    for (const c of ["", "و", "ف"]) {
      for (const p of ["", "ب", "ك", "ل"]) {
        for (const first of rules.months.firsts) {
          for (const ordinal of rules.months.ordinals) fused.set(c + p + first + ordinal, c + p + first + "ال" + ordinal);
        }
      }
    }
    return fused;
  }

  /** sitegen.stemming._month_word: كانون ثاني, كانون-ثاني: كانونالثاني; آب 2024م: اب2024. */
  function monthWord(token, r) {
    const [first, second] = token.split(JOINS);
    if (/^\p{Nd}/u.test(second)) return first + second.replace(r.erasAtEnd, "");
    return first + "ال" + (second.startsWith("ال") ? second.slice(2) : second);
  }
  const AMPERSAND = new RegExp(`${S}*&${S}*`, "u");
  const POSSESSIVE = /['’]s$/u; // stem takes it off: the T's of AT&T's is as short as T
  // Python's str.isdigit(): decimal digits and the digits of Numeric_Type=Digit (superscripts,
  // circled digits...), which a one-character stem may be.
  const DIGITS = /^[\p{Nd}\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]+$/u;
  // Where Python's casefold() differs from toLowerCase() in text a news archive may hold: the
  // German sharp s, the long s, Greek final sigma and micro sign, the ligatures that text
  // copied from a PDF brings along, and the few Latin letters that casefold() decomposes (whose
  // mark then ends the word on both sides, as it did in the index).
  const CASEFOLD = {
    "ß": "ss", "ſ": "s", "ς": "σ", "µ": "μ",
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    "ŉ": "\u02bcn", "ǰ": "j\u030c", "ẖ": "h\u0331", "ẗ": "t\u0308", "ẘ": "w\u030a", "ẙ": "y\u030a",
    "ẚ": "a\u02be", "ẛ": "\u1e61",
  };
  const CASEFOLDED = /[ßſςµﬀ-ﬆŉǰẖ-ẛ]/g;
  const casefold = (text) => text.toLowerCase().replace(CASEFOLDED, (c) => CASEFOLD[c]);
  const FORMAT = 9; // of the index files this script reads: sitegen.search.FORMAT
  const PAGE = 20; // results shown at first and added by "Show more"
  const LEAD = 200; // characters of a lead shown
  const DEBOUNCE = 200; // ms after the last keystroke

  /** What the rules need at hand, made once per rules object: the folding table as a Map (a
   * plain object would also find "constructor" and the like). */
  const compiledRules = new WeakMap();
  function compile(rules) {
    let compiled = compiledRules.get(rules);
    if (!compiled) {
      compiled = {
        fold: new Map(Object.entries(rules.fold)),
        sequences: rules.sequences,
        proclitics: rules.proclitics,
        articles: rules.articles,
        suffixes: rules.suffixes,
        keep: new Set(rules.keep),
        names: new Map(Object.entries(rules.names)),
        min: rules.min,
        latin: new RegExp(
          `[${rules.latin.blocks.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${(hi - 1).toString(16)}}`).join("")}]`,
          "gu",
        ),
        letters: new Map(Object.entries(rules.latin.letters)),
        peoples: new Map(Object.entries(rules.peoples)),
        eras: rules.eras,
        erasAtEnd: new RegExp(`[${rules.eras}]+$`, "u"),
        leftOut: new Set(rules.left_out),
        // sitegen.stemming._TOKEN: grouped numbers, initials, months, names with عبد or أبو,
        // then words joined by an ampersand (Q&A, AT & T), then a WORD.
        token: new RegExp(
          `${GROUPED.source}|${INITIALS.source}|${monthSource(rules)}|${COMPOUND.source}|` +
            `${WORD.source}(?:${S}*&${S}*${WORD.source})+|${WORD.source}`,
          "gu",
        ),
        month: new RegExp(`^(?:${monthSource(rules)})$`, "u"),
        fused: fusedMonths(rules),
      };
      compiledRules.set(rules, compiled);
    }
    return compiled;
  }

  const length = (text) => Array.from(text).length; // code points, as Python counts

  /** The hamza seated as arabic.HAMZA_BEFORE seats it, in text as written: one character for
   * one, so every position stays where it was. */
  function seatHamza(text, sequences) {
    if (!text.includes("\u0626") && !text.includes("\u0624")) return text;
    for (const [written, seated] of sequences.before) text = text.replaceAll(written, seated);
    return text;
  }

  /** A text folded as tags.matching_words folds it (arabic.HAMZA_BEFORE, tags.folding,
   * arabic.HAMZA_AFTER, then lowercase), with the position in the text of each UTF-16 unit of
   * the result (and one past the end). */
  function foldWithPositions(text, rules) {
    const { fold: table, sequences } = compile(rules);
    let out = "";
    let at = [];
    let i = 0;
    for (const ch of seatHamza(text, sequences)) {
      const folded = table.has(ch) ? table.get(ch) : ch;
      const lower = casefold(folded);
      for (let k = 0; k < lower.length; k++) at.push(i);
      out += lower;
      i += ch.length;
    }
    for (const [written, folded] of sequences.after) {
      if (!out.includes(written)) continue;
      let next = "";
      const nextAt = [];
      for (let k = 0; k < out.length; ) {
        if (out.startsWith(written, k)) {
          next += folded;
          for (let n = 0; n < folded.length; n++) nextAt.push(at[k]);
          k += written.length;
        } else {
          next += out[k];
          nextAt.push(at[k]);
          k += 1;
        }
      }
      out = next;
      at = nextAt;
    }
    at.push(text.length);
    return { text: out, at };
  }

  function fold(text, rules) {
    const { fold: table, sequences } = compile(rules);
    let out = "";
    for (const ch of seatHamza(text, sequences)) out += table.has(ch) ? table.get(ch) : ch;
    for (const [written, folded] of sequences.after) out = out.replaceAll(written, folded);
    return casefold(out);
  }

  const MARKS = /[\u0300-\u036f]/g; // the combining marks a Latin letter loses
  const ASCII = /^[\x00-\x7f]*$/;

  /** sitegen.stemming.fold_latin: a word's Latin letters without their accents (Zürich is
   * zurich), the letters that no decomposition takes apart spelt out (ı, ø, æ, œ, đ, ł...). */
  function foldLatin(word, r) {
    if (ASCII.test(word)) return word;
    return word.replace(r.latin, (c) => r.letters.get(c) ?? c.normalize("NFD").replace(MARKS, ""));
  }

  const isArabic = (word) => {
    const first = word.codePointAt(0);
    return first >= 0x0600 && first <= 0x06ff;
  };

  /** An Arabic word without its article: what light10 takes endings from. A leading و, ف, ب,
   * ك or ل stays: the index has such a word under the stems of every reading (indexStems).
   * ``kept``: a word of the keep list, which loses nothing more. */
  function unprefixed(word, r) {
    if (r.keep.has(word)) return { word, kept: true };
    const [articles, articleRest] = r.articles;
    for (const article of articles) {
      if (word.startsWith(article) && length(word) - length(article) >= articleRest) {
        return { word: word.slice(article.length), kept: false };
      }
    }
    return { word, kept: false };
  }

  /** sitegen.search.stem: light10 for Arabic words (its endings taken off until none is left);
   * for others their Latin letters unaccented (foldLatin), a possessive and Harman's S-stemmer,
   * and a people's word its country's stem (rules.peoples). */
  function stem(word, rules) {
    const r = compile(rules);
    if (isArabic(word)) {
      if (r.names.has(word)) return r.names.get(word); // a name whose ال is its own
      const bare = unprefixed(word, r);
      if (bare.kept) return bare.word;
      if (r.names.has(bare.word)) return r.names.get(bare.word);
      word = bare.word;
      let cut = true;
      while (cut) {
        cut = false;
        for (const [suffix, rest] of r.suffixes) {
          if (word.endsWith(suffix) && length(word) - length(suffix) >= rest) {
            word = word.slice(0, word.length - suffix.length);
            cut = true;
          }
        }
      }
      return word;
    }
    const era = word.slice(-1);
    if (r.eras.includes(era) && DIGITS.test(word.slice(0, -1))) return word.slice(0, -1); // 2024م is 2024
    const s = sStem(foldLatin(word, r));
    return r.peoples.get(s) ?? s; // a people's word is its country's stem: Egyptian is egypt
  }

  /** sitegen.stemming._s_stem: a possessive and a plural -s off (Harman's S-stemmer), and a
   * noun in -sis as its plural in -ses. */
  function sStem(word) {
    if (word.endsWith("'s") || word.endsWith("’s")) word = word.slice(0, -2);
    const n = length(word);
    const ends = (...endings) => endings.some((e) => word.endsWith(e));
    if (n > 5 && ends("sis") && word !== "thesis") return word.slice(0, -2) + "e"; // crisis: crise, as crises
    if (n > 4 && ends("ies") && !ends("eies", "aies")) return word.slice(0, -3) + "y";
    if (n > 3 && ends("es") && !ends("aes", "ees", "oes")) return word.slice(0, -1);
    if (n > 3 && ends("s") && !ends("us", "ss")) return word.slice(0, -1);
    return word;
  }

  const searchable = (s, rules) => length(s) >= compile(rules).min || DIGITS.test(s);

  /** sitegen.stemming.readings: an Arabic word and the word without each proclitic it may
   * carry, while enough letters are left, or a number (وبمصر, بمصر, مصر; و7, 7). */
  function readings(word, r) {
    const [conjunctions, prepositions, rest] = r.proclitics;
    const leaves = (w) => length(w) - 1 >= rest || DIGITS.test(w.slice(1));
    const found = [word];
    if (conjunctions.includes(word[0]) && leaves(word)) found.push(word.slice(1));
    for (const reading of [...found]) {
      if (prepositions.includes(reading[0]) && leaves(reading)) found.push(reading.slice(1));
    }
    return found;
  }

  /** sitegen.stemming.index_stems: every stem the index files a word under, each once. */
  function indexStems(word, rules) {
    const found = [];
    for (const reading of isArabic(word) ? readings(word, compile(rules)) : [word]) {
      const s = stem(reading, rules);
      if (searchable(s, rules) && !found.includes(s)) found.push(s);
    }
    return found;
  }

  /** sitegen.stemming.search_words: the words of folded text as [word, start, length] (in
   * UTF-16 units), words joined by an ampersand as one word (q&a) where one of them is too short
   * to search, and each on its own where none is (Tom & Jerry); initials without their dots
   * (U.S.: us); numbers without their thousands separators (4,500: 4500); a name with عبد or
   * أبو, or a month (كانون الثاني, آب 2024), joined (عبد الله: عبدالله), with its words as a
   * fourth item ([word, start, length] each), which the index has too (highlight marks الله in
   * عبد الله). */
  function* words(folded, rules) {
    const r = compile(rules);
    for (const match of folded.matchAll(r.token)) {
      const token = match[0];
      if (token.includes(",") || token.includes("\u066c")) { // 4,500 is 4500
        yield [token.replace(SEPARATORS, ""), match.index, token.length];
        continue;
      }
      if (token.includes(".")) { // initials: U.S. is us
        yield [token.replaceAll(".", ""), match.index, token.length];
        continue;
      }
      const parts = token.includes("&") ? token.split(AMPERSAND) : null;
      if (!parts && JOINED.test(token)) { // a name with عبد or أبو, or a month (عبد-الله, كانون-الثاني)
        const apart = [...token.matchAll(WORD)].map((w) => [w[0], match.index + w.index, w[0].length]);
        yield [r.month.test(token) ? monthWord(token, r) : token.replace(JOINS, ""), match.index, token.length, apart];
      } else if (!parts) {
        yield [r.fused.get(token) ?? token, match.index, token.length];
      } else if (parts.some((part) => !searchable(part.replace(POSSESSIVE, ""), rules))) {
        yield [parts.join("&"), match.index, token.length];
      } else {
        for (const part of token.matchAll(WORD)) yield [part[0], match.index + part.index, part[0].length];
      }
    }
  }

  /** sitegen.stemming.search_words: the words of folded text (words), but the Arabic article
   * written in English (al, el: al-Sisi, el-Sisi) left out before another word. */
  function searchWords(folded, rules) {
    const found = [...words(folded, rules)].map(([word]) => word);
    const leftOut = compile(rules).leftOut;
    if (found.length < 2 || !found.some((w) => leftOut.has(w))) return found;
    const last = found.pop();
    return [...found.filter((w) => !leftOut.has(w)), last];
  }

  /** sitegen.search.stems: the stems of a text's words, in order, repeats kept. */
  function stems(text, rules) {
    const found = [];
    for (const word of searchWords(fold(text, rules), rules)) {
      const s = stem(word, rules);
      if (searchable(s, rules)) found.push(s);
    }
    return found;
  }

  /** sitegen.search.shard_key: the first two code points of a stem in hex ("645-635"). */
  function shardKey(term) {
    return Array.from(term)
      .slice(0, 2)
      .map((c) => c.codePointAt(0).toString(16))
      .join("-");
  }

  /** The words of a query, folded, and whether the last one is still being typed (no space
   * after it) yet is no word to look up: too short to be indexed (م on the way to مسؤول), or
   * an Arabic article alone (ال, بال on the way to الاقتصاد; الم may be ألم, and stays). Such a
   * word is left out, and the words before it are whole words. */
  function queryWords(text, rules) {
    const found = searchWords(fold(text, rules), rules);
    const typing = found.length > 0 && !ENDS_IN_SPACE.test(text);
    const last = found.length ? found[found.length - 1] : "";
    let unfinished = false;
    if (typing) {
      const [articles] = compile(rules).articles;
      unfinished = !searchable(stem(last, rules), rules) || articles.includes(last);
    }
    return { words: unfinished ? found.slice(0, -1) : found, typing: typing && !unfinished, unfinished };
  }

  /** The query's stems, each once, in order; the last one typed stays last (it is the word
   * being typed, matched as a prefix). */
  function queryStems(text, rules) {
    const found = stems(queryWords(text, rules).words.join(" "), rules);
    const last = found.pop();
    return last === undefined ? [] : [...new Set(found.filter((s) => s !== last)), last];
  }

  /** How the last word of a query is matched: as the start of a word while it is being typed
   * (``prefix``; not after a space, nor when that word is left out: queryWords), and, for an
   * Arabic word, its letters without the article (``typed``, see typedMatch): typing تعاو on
   * the way to تعاون (whose stem is تعا) must not find nothing for a moment because و may yet
   * be the start of the ending ون. An English word being typed may be a plural in -ies on its
   * way (polici, policie: ``alt`` policy, the stem it will have), or a noun in -sis (crisi:
   * crise). ``names``: the stems of the
   * names whose ال is their own that an Arabic word being typed may become (namesBegun), or of
   * the countries whose people's word an English word being typed begins (peoplesBegun).
   * ``seated``: the letters of the whole words that a hamza rule will seat otherwise than the
   * letters typed so far (hamzaCompleted). ``unfinished``: a word being typed was left out.
   * ``begun``: the word being typed is an article and one letter (الق, والق on the way to
   * القاهرة), which only a few words are whole (ألم, ألف): looked up as typed, but left out
   * when it finds nothing (rank), as the article alone is, rather than finding nothing. */
  function typing(text, rules) {
    const { words, typing: prefix, unfinished } = queryWords(text, rules);
    const last = words.length ? words[words.length - 1] : "";
    const arabic = prefix && last && isArabic(last);
    const typed = arabic ? unprefixed(last, compile(rules)).word : null;
    const [articles] = compile(rules).articles;
    const begun = Boolean(arabic) && articles.some((a) => last.startsWith(a) && length(last) === length(a) + 1);
    const names = arabic ? namesBegun(last, typed, compile(rules)) : prefix && last ? peoplesBegun(last, rules) : [];
    const seated = arabic ? hamzaCompleted(text, rules) : [];
    const latin = prefix && last && !arabic ? foldLatin(last, compile(rules)) : null;
    const plural = latin ? /^(.{4,}?)ie?$/u.exec(latin) : null;
    // crisi, on the way to crisis: crise (but thesis stays thesi, see sStem)
    const sis = latin && latin !== "thesi" ? /^(.{3,}s)i$/u.exec(latin) : null;
    const alt = sis ? `${sis[1]}e` : plural ? `${plural[1]}y` : null;
    return { prefix, typed, alt, names, seated, unfinished, begun };
  }

  /** The letters (folded, without the article) of the words that the word being typed at the
   * end of ``text`` becomes once the pattern of a hamza rule it stops inside of is whole, where
   * that rule seats the hamza typed so far otherwise. seatHamza needs a rule's whole pattern:
   * مسئو folds as مسيو, while مسئول (by ئول) is مسوول, and شئو شيو while شئون is شوون. For each
   * rule's written side whose start (a proper prefix) ends the text, the text is completed with
   * the rest of it and seated by all the rules in turn, as the whole word will be; kept only
   * where the letters typed are seated otherwise (ناشئو completed as ناشئون is seated back by
   * اشؤون: none). Only the completed words: مسئ may also become مسئلة, which its own letters
   * find, and a ئ typed finds no ؤ but where a rule puts one (رئ finds no رؤية). One character
   * for one: the text's letters keep their places in the completed text. */
  function hamzaCompleted(text, rules) {
    const r = compile(rules);
    const now = seatHamza(text, r.sequences);
    const found = [];
    for (const [written] of r.sequences.before) {
      for (let n = 1; n < written.length; n++) {
        if (!text.endsWith(written.slice(0, n))) continue;
        const whole = text + written.slice(n);
        if (seatHamza(whole, r.sequences).slice(0, text.length) === now) continue;
        const folded = [...words(fold(whole, rules), rules)];
        const letters = unprefixed(folded[folded.length - 1][0], r).word;
        if (!found.includes(letters)) found.push(letters);
      }
    }
    return found;
  }

  /** The stems of the names whose ال is their own (rules.names) that begin with the word being
   * typed, or with its letters after an article (``bare``): as a whole word, الألمانية is
   * المان, but the letters typed after the article, ما of الما, begin no such stem (and المان is
   * in another shard than ما). */
  function namesBegun(word, bare, r) {
    const found = [];
    for (const [form, s] of r.names) {
      if ((form.startsWith(word) || form.startsWith(bare)) && !found.includes(s)) found.push(s);
    }
    return found;
  }

  /** The stems of the countries whose people's word begins with the English word being typed
   * (rules.peoples): Egyptia on the way to Egyptian, which is filed under egypt, a word that
   * egyptia does not begin. Not where the country's stem begins with it (egy finds egypt). */
  function peoplesBegun(word, rules) {
    const r = compile(rules);
    const typed = foldLatin(word, r);
    const found = [];
    for (const [people, country] of r.peoples) {
      if (people.startsWith(typed) && !country.startsWith(typed) && !found.includes(country)) found.push(country);
    }
    return found;
  }

  /** Whether an index term t matches the last word of a query while it is being typed (term
   * its stem, typed its letters as typing() gives them): t is its stem, or starts with the
   * letters typed so far, or is a stem whose ending is being typed. A longer word must start
   * with the letters typed, not with the stem: تركيا (stem ترك) must not find تركيز, nor the
   * whole word التعاون (stem تعا) تعامل. Without typed letters (English), t starts with term.
   * ``names``: stems of names the word may become (namesBegun), each matched whole.
   * ``seated``: the letters of whole words a hamza rule will seat otherwise (hamzaCompleted),
   * matched as the letters typed are. */
  function typedMatch(t, term, typed, rules, alt = null, names = [], seated = []) {
    if (names.includes(t)) return true;
    if (!typed) return t.startsWith(term) || t === alt;
    if (t === term || t.startsWith(typed) || mayEndIn(t, typed, rules)) return true;
    return seated.some((letters) => t.startsWith(letters) || mayEndIn(t, letters, rules));
  }

  /** Whether term may be the stem of the word being typed (``typed``, see typing): typed is
   * term, then whole endings, then the start of one (الأمريكيو: امريك, ي, and و of ون). */
  function mayEndIn(term, typed, rules) {
    if (!typed || typed.length <= term.length || !typed.startsWith(term)) return false;
    return endingsBegin(typed.slice(term.length), compile(rules).suffixes);
  }

  function endingsBegin(rest, suffixes) {
    return suffixes.some(
      ([suffix]) =>
        suffix.startsWith(rest) ||
        (rest.length > suffix.length && rest.startsWith(suffix) && endingsBegin(rest.slice(suffix.length), suffixes)),
    );
  }

  function ids(deltas) {
    let total = 0;
    return deltas.map((d) => (total += d));
  }

  /** The articles a stem finds in its shard ("b": anywhere, "t": in the title): the term itself,
   * or with ``prefix`` every term that matches the word being typed (typedMatch); and those
   * whose date it is ("d": a year, a month's name), only as a whole word (Index.dated in
   * sitegen/search.py: الما must not find every article of مايو). */
  function postings(term, shard, prefix, typed, rules, alt = null, names = [], seated = []) {
    const body = new Set();
    const title = new Set();
    if (!shard) return { body, title };
    for (const [part, into] of [
      ["b", body],
      ["t", title],
    ]) {
      const terms = shard[part] || {};
      const matched = prefix
        ? Object.keys(terms).filter((t) => typedMatch(t, term, typed, rules, alt, names, seated))
        : [term];
      for (const name of matched) {
        if (Object.prototype.hasOwnProperty.call(terms, name)) for (const id of ids(terms[name])) into.add(id);
      }
    }
    const dated = shard.d || {};
    if (Object.prototype.hasOwnProperty.call(dated, term)) for (const id of ids(dated[term])) body.add(id);
    return { body, title };
  }

  /** The ids of the articles that have every stem (the last as a prefix), those with every stem
   * in their title first, newest (highest id) first within each group. ``shards`` maps a shard
   * key to its parsed file (missing: no article has a word of that shard). ``typed``: how the
   * last word is matched (typing); by default as the start of a word. The last word's shards
   * are those of its stem, of the names it may become and of its hamza seated (lookedUp).
   *
   * The articles that have the word being typed as a whole word (its stem, or a name or plural
   * it is on its way to) come before those that have it only as the start of a longer word,
   * each part ordered as above: the letters typed are nearly always a whole word when the
   * reader stops, and war, مصر or ترك found every warns, مصرف or تركيز first, newest first,
   * and the one article about the war after a page of them. A word only begun (typing's
   * ``begun``: الق) that finds nothing is left out: the words before it find what they found. */
  function rank(terms, shards, typed = { prefix: true, typed: null }, rules = null) {
    if (!terms.length) return [];
    let all = null;
    let titled = null;
    let whole = null; // the articles with the last word whole, when it is matched as a prefix
    terms.forEach((term, n) => {
      const prefix = n === terms.length - 1 && typed.prefix;
      const names = prefix ? typed.names || [] : [];
      const seated = prefix ? typed.seated || [] : [];
      const found = { body: new Set(), title: new Set() };
      for (const key of lookedUp([term], prefix ? typed : null)) {
        const more = postings(term, shards[key], prefix, typed.typed, rules, typed.alt, names, seated);
        for (const id of more.body) found.body.add(id);
        for (const id of more.title) found.title.add(id);
        const terms = prefix && shards[key] ? shards[key].b || {} : {};
        const dated = prefix && shards[key] ? shards[key].d || {} : {};
        if (prefix) whole = whole || new Set();
        for (const t of prefix ? [term, typed.alt, ...names] : []) {
          if (t && Object.prototype.hasOwnProperty.call(terms, t)) for (const id of ids(terms[t])) whole.add(id);
        }
        if (Object.prototype.hasOwnProperty.call(dated, term)) for (const id of ids(dated[term])) whole.add(id);
      }
      if (prefix && typed.begun && !found.body.size) {
        whole = null;
        return;
      }
      all = all === null ? found.body : new Set([...all].filter((id) => found.body.has(id)));
      titled = titled === null ? found.title : new Set([...titled].filter((id) => found.title.has(id)));
    });
    if (all === null) return [];
    const newest = (a, b) => b - a;
    const inTitle = [...all].filter((id) => titled.has(id)).sort(newest);
    const elsewhere = [...all].filter((id) => !titled.has(id)).sort(newest);
    if (whole === null) return inTitle.concat(elsewhere);
    const ordered = inTitle.concat(elsewhere);
    return ordered.filter((id) => whole.has(id)).concat(ordered.filter((id) => !whole.has(id)));
  }

  /** The shard keys a query's stems need: theirs, and those of the names the word being typed
   * may become and of the words its hamza seated may be (``typed``: typing's answer, or null):
   * شئو is looked up under شي and شو. */
  function lookedUp(terms, typed) {
    const more = typed && typed.prefix ? [...(typed.names || []), ...(typed.seated || [])] : [];
    return [...new Set([...terms, ...more].map(shardKey))];
  }

  /** A text cut into [piece, marked] parts: a word is marked when one of the stems it is
   * indexed by is one of the query's, or matches the last one, the word being typed
   * (typedMatch): بمصر for مصر, as the index found it. */
  function highlight(text, terms, rules, typed = { prefix: true, typed: null }) {
    if (!terms.length) return [[text, false]];
    const exact = new Set(terms);
    const last = typed.prefix ? terms[terms.length - 1] : null;
    const folded = foldWithPositions(text, rules);
    const parts = [];
    let done = 0;
    const hit = (word) =>
      indexStems(word, rules).some(
        (s) =>
          exact.has(s) ||
          (last !== null && typedMatch(s, last, typed.typed, rules, typed.alt, typed.names || [], typed.seated || [])),
      );
    for (const [word, index, size, apart] of words(folded.text, rules)) {
      // a name with عبد or أبو: whole, or the words of it that match (الله of عبد الله)
      const marked = hit(word) ? [[index, size]] : (apart || []).filter(([w]) => hit(w)).map(([, i, n]) => [i, n]);
      for (const [at, n] of marked) {
        const start = folded.at[at];
        const end = folded.at[at + n];
        if (start > done) parts.push([text.slice(done, start), false]);
        parts.push([text.slice(start, end), true]);
        done = end;
      }
    }
    if (done < text.length) parts.push([text.slice(done), false]);
    return parts;
  }

  /** views.shorten: cut at a word boundary with an ellipsis. */
  function shorten(text, limit) {
    if (length(text) <= limit) return text;
    const cut = Array.from(text).slice(0, limit).join("");
    const space = cut.lastIndexOf(" ");
    return (space > 0 ? cut.slice(0, space) : cut).replace(/[ ,،.;؛:]+$/u, "") + "…";
  }

  /** views.plural_category: the CLDR plural category of n. */
  function pluralCategory(n, lang) {
    if (lang === "ar") {
      if (n <= 2) return ["zero", "one", "two"][n];
      const rest = n % 100;
      return rest >= 3 && rest <= 10 ? "few" : rest >= 11 ? "many" : "other";
    }
    return n === 1 ? "one" : "other";
  }

  const RTL = new Set(["ar", "fa", "he", "ur"]); // views.direction

  // views._GROUPED: digits in groups a space apart, one number (+20 2 1234 5678, ٠١٠٠ ١٢٣ ٤٥٦٧,
  // 1 000 000), not after a letter, a sign or a separator, nor into a word. The text here is
  // as written, not escaped: no &nbsp; to find.
  const SPACED = /(?<![\p{L}\p{N}_+.,/:#\-])\+?\p{Nd}{1,6}(?:[ \u00a0\u202f]\p{Nd}{1,6}){1,5}(?![\p{L}\p{N}_])/gu;
  const GAP = /[ \u00a0\u202f]/u;
  // views._last_strong's letters (bidi classes L, R and AL): every letter, and the Arabic
  // semicolon, question mark and full stop; right to left in the blocks of right-to-left scripts.
  const STRONG = /[\p{L}\u061b-\u061f\u06d4]/u;
  const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
  // The digits of bidi class EN, which a left-to-right letter before them keeps in its run.
  const EUROPEAN = /[0-9\u06f0-\u06f9\uff10-\uff19\u{1d7ce}-\u{1d7ff}\u{1fbf0}-\u{1fbf9}]$/u;
  const ND = /\p{Nd}/u;

  /** A digit's value, in any script: its place in its block's run of digits (Unicode gives
   * every script's 0-9 in a row). */
  function digitValue(c) {
    let n = 0;
    for (let cp = c.codePointAt(0) - 1; ND.test(String.fromCodePoint(cp)); cp--) n++;
    return n % 10;
  }
  const value = (digits) => Number(Array.from(digits, digitValue).join(""));
  const isYear = (g) => length(g) === 4 && value(g) >= 1300 && value(g) <= 2099; // views._is_year

  /** views._is_grouped_number: after a "+", grouped by thousands, or 7 digits or more, unless
   * every group is a year or they are a day's date (lists, read in the paragraph's direction). */
  function isGroupedNumber(number) {
    if (number[0] === "+") return true;
    const groups = number.split(GAP);
    if (length(groups[0]) <= 3 && groups.slice(1).every((g) => length(g) === 3)) return true;
    if (groups.reduce((n, g) => n + length(g), 0) < 7) return false;
    if (groups.length === 3 && isYear(groups[0]) !== isYear(groups[2])) {
      const day = isYear(groups[2]) ? groups[0] : groups[2];
      const [d, m] = [value(day), value(groups[1])];
      if (length(day) <= 2 && length(groups[1]) <= 2 && d >= 1 && d <= 31 && m >= 1 && m <= 12) return false;
    }
    return !groups.every(isYear);
  }

  /** views._last_strong: whether the last strong letter of text is left to right; ltr if none. */
  function lastStrong(text, ltr) {
    const chars = Array.from(text);
    for (let i = chars.length - 1; i >= 0; i--) {
      if (STRONG.test(chars[i])) return !STRONG_RTL.test(chars[i]);
    }
    return ltr;
  }

  /** [start, end] of each grouped number of text that views._spans puts in a <bdo dir="ltr">:
   * not one of European digits after a left-to-right letter, which keeps it in its run. */
  function groupedNumbers(text) {
    const found = [];
    let ltr = false;
    let last = 0;
    for (const match of text.matchAll(SPACED)) {
      ltr = lastStrong(text.slice(last, match.index), ltr);
      last = match.index + match[0].length;
      if (!(ltr && EUROPEAN.test(match[0])) && isGroupedNumber(match[0])) found.push([match.index, last]);
    }
    return found;
  }

  /** highlight's [piece, marked] parts of an Arabic text as runs [parts, isolated]: each grouped
   * number (groupedNumbers, found in the whole text) one isolated run, for a <bdo dir="ltr">, as
   * views.isolate_numbers gives it on the pages; a mark inside it stays inside, one across its
   * edge is cut in two. */
  function isolateNumbers(parts) {
    const numbers = groupedNumbers(parts.map(([piece]) => piece).join(""));
    if (!numbers.length) return [[parts, false]];
    const runs = [];
    let run = null;
    let at = 0; // where the current part starts in the text
    let k = 0; // the number at or after the current position
    for (const [piece, hit] of parts) {
      for (let from = 0; from < piece.length; ) {
        while (k < numbers.length && numbers[k][1] <= at + from) k++;
        const inside = k < numbers.length && numbers[k][0] <= at + from;
        const end = Math.min(piece.length, (k < numbers.length ? numbers[k][inside ? 1 : 0] : Infinity) - at);
        const id = inside ? k : -1 - k; // the number, or the stretch before it
        if (!run || run.id !== id) runs.push((run = { id, parts: [] }));
        run.parts.push([piece.slice(from, end), hit]);
        from = end;
      }
      at += piece.length;
    }
    return runs.map(({ id, parts: inRun }) => [inRun, id >= 0]);
  }

  // ---------------------------------------------------------------------------------------
  // The page

  function start(root) {
    const form = document.querySelector("form.search-form");
    const input = form && form.querySelector('input[name="q"]');
    const status = root.querySelector(".search-status");
    const list = root.querySelector(".search-list");
    const more = root.querySelector(".search-more");
    if (!input || !status || !list || !more) return; // a site's own template without them
    const data = root.dataset;
    const lang = document.documentElement.lang;
    const dir = document.documentElement.dir;
    const folder = data.index;
    let index = null; // index.json, once loaded
    const shards = new Map(); // key -> Promise of the parsed shard
    const chunks = new Map(); // n -> Promise of the records
    let run = 0; // the latest search; an older one that finishes later shows nothing
    let shown = { ids: [], count: 0, terms: [], typed: { prefix: true, typed: null } };

    const number = (n) => {
      const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return grouped.replace(/[0-9,]/g, (c) => (c === "," ? data.group : data.digits[Number(c)]));
    };
    const message = (text, n) =>
      text.replace(/\{\{|\}\}|\{n\}/g, (m) => (m === "{n}" ? number(n) : m[0]));
    const counted = (n) => {
      const key = "results" + pluralCategory(n, lang).replace(/^./, (c) => c.toUpperCase());
      return message(data[key] || data.resultsOther, n);
    };

    const getJSON = (url, options) =>
      fetch(url, options).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      });

    let loading = null;
    function loadIndex() {
      if (!loading) {
        loading = getJSON(folder + "index.json", { cache: "no-cache" }).then((found) => {
          if (found.version !== FORMAT) throw new Error(`search index format ${found.version}`);
          index = found;
          return found;
        });
        loading.catch(() => {
          loading = null; // the next search tries again
        });
      }
      return loading;
    }

    function shard(key) {
      if (!Object.prototype.hasOwnProperty.call(index.shards, key)) return Promise.resolve(null);
      if (!shards.has(key)) {
        const promise = getJSON(`${folder}s/${key}.json?v=${index.shards[key]}`);
        promise.catch(() => shards.delete(key));
        shards.set(key, promise);
      }
      return shards.get(key);
    }

    function records(n) {
      if (!chunks.has(n)) {
        const promise = getJSON(`${folder}d/${n}.json?v=${index.docs[n]}`);
        promise.catch(() => chunks.delete(n));
        chunks.set(n, promise);
      }
      return chunks.get(n);
    }

    function say(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    /** text with its matches marked; in an Arabic article's, each grouped number in a <bdo
     * dir="ltr"> as on its card (see isolateNumbers). */
    function marked(into, text, terms, articleLang) {
      const parts = highlight(text, terms, index.rules, shown.typed);
      for (const [run, isolated] of articleLang === "ar" ? isolateNumbers(parts) : [[parts, false]]) {
        let box = into;
        if (isolated) {
          box = document.createElement("bdo");
          box.dir = "ltr";
          into.append(box);
        }
        for (const [piece, hit] of run) {
          if (hit) {
            const mark = document.createElement("mark");
            mark.textContent = piece;
            box.append(mark);
          } else {
            box.append(piece);
          }
        }
      }
    }

    function result(record, terms) {
      const languages = index.languages.length;
      const [url, title, articleLang, iso] = record;
      const shownAt = Math.max(0, index.languages.indexOf(lang));
      const shown = record[4 + shownAt];
      const [date, hijri] = Array.isArray(shown) ? shown : [shown, ""]; // [date, Hijri date], as on the cards
      const lead = record[4 + languages] || "";
      const articleDir = RTL.has(articleLang) ? "rtl" : "ltr";
      const item = document.createElement("li");
      const card = document.createElement("article");
      card.className = "card";
      card.dir = articleDir;
      const heading = document.createElement("h2");
      heading.className = "card-title";
      // The title reads in its article's direction, from the card, as on card.html: "auto" took
      // the first letter's, and an English title opening with an Arabic word read right to left.
      // A title in the other script than its article comes with its own language (after the
      // lead), and takes its direction, as its card's does.
      const titleLang = record[5 + languages] || articleLang;
      heading.lang = titleLang;
      if (titleLang !== articleLang) heading.dir = RTL.has(titleLang) ? "rtl" : "ltr";
      const link = document.createElement("a");
      link.href = data.root + url;
      marked(link, title, terms, titleLang);
      heading.append(link);
      const meta = document.createElement("p");
      meta.className = "meta";
      // The date reads in the interface's language; isolated in its direction, as on the cards.
      const when = document.createElement("span");
      when.dir = dir;
      if (iso && date) {
        const time = document.createElement("time");
        time.dateTime = iso;
        time.textContent = date;
        when.append(time);
        if (hijri) {
          const other = document.createElement("span");
          other.className = "hijri";
          other.textContent = `(${hijri})`;
          when.append(" ", other);
        }
      } else {
        when.className = "undated";
        when.textContent = data.undated;
      }
      meta.append(when);
      card.append(heading, meta);
      if (lead) {
        const excerpt = document.createElement("p");
        excerpt.className = "excerpt";
        excerpt.lang = articleLang;
        marked(excerpt, shorten(lead, LEAD), terms, articleLang);
        card.append(excerpt);
      }
      item.append(card);
      return item;
    }

    /** Show the next PAGE results of the current search (after ``count`` already shown). */
    async function reveal(mine, focus) {
      const { ids: found, terms } = shown;
      const next = found.slice(shown.count, shown.count + PAGE);
      const wanted = [...new Set(next.map((id) => Math.floor(id / index.chunk)))];
      const loaded = await Promise.all(wanted.map(records));
      if (mine !== run) return;
      const byChunk = new Map(wanted.map((n, i) => [n, loaded[i]]));
      const items = next.map((id) => result(byChunk.get(Math.floor(id / index.chunk))[id % index.chunk], terms));
      list.append(...items);
      shown.count += next.length;
      more.hidden = shown.count >= found.length;
      if (focus && items.length) items[0].querySelector("a").focus();
    }

    async function search(text) {
      const mine = ++run;
      const query = text.trim();
      if (!query) {
        list.replaceChildren();
        more.hidden = true;
        say("");
        return;
      }
      // Said only when a search takes a while (the first one loads the index), so that a
      // screen reader is not told "Searching" at every keystroke.
      const slow = setTimeout(() => mine === run && say(data.searching), 300);
      try {
        await loadIndex();
        const terms = queryStems(query, index.rules);
        const typed = typing(text, index.rules);
        if (!terms.length) { // nothing to look up: say so, unless a first word is being typed (ال)
          if (mine !== run) return;
          list.replaceChildren();
          more.hidden = true;
          say(typed.unfinished && !query.includes(" ") ? "" : data.noResults);
          return;
        }
        // A first word only begun (الق) that finds nothing is no word yet: nothing to say.
        const begun = typed.begun && terms.length === 1;
        const keys = lookedUp(terms, typed);
        const files = await Promise.all(keys.map(shard));
        if (mine !== run) return;
        const byKey = Object.fromEntries(keys.map((key, i) => [key, files[i]]));
        shown = { ids: rank(terms, byKey, typed, index.rules), count: 0, terms, typed };
        list.replaceChildren();
        more.hidden = true;
        await reveal(mine, false);
        if (mine !== run) return;
        say(shown.ids.length ? counted(shown.ids.length) : begun ? "" : data.noResults);
      } catch {
        if (mine !== run) return;
        list.replaceChildren();
        more.hidden = true;
        say(data.failed);
      } finally {
        clearTimeout(slow);
      }
    }

    function remember(text) {
      const url = new URL(location.href);
      if (text.trim()) url.searchParams.set("q", text);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
      // The other interface's search page searches the same words.
      for (const link of document.querySelectorAll("a.lang-switch")) {
        const other = new URL(link.href);
        other.search = url.search;
        link.href = other.href;
      }
    }

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        remember(input.value);
        search(input.value);
      }, DEBOUNCE);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      remember(input.value);
      search(input.value);
    });
    // One "show more" at a time: a second click (a double tap on a slow connection) while the
    // next results load would take the same slice again.
    let revealing = null;
    more.addEventListener("click", () => {
      if (revealing) return;
      revealing = reveal(run, true)
        .catch(() => say(data.failed))
        .finally(() => {
          revealing = null;
        });
    });

    const asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      input.value = asked;
      remember(asked);
      search(asked);
    }
  }

  const api = {
    fold, stem, stems, indexStems, shardKey, queryStems, typing, rank, highlight, isolateNumbers, shorten, pluralCategory,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document === "object") {
    const root = document.getElementById("search-results");
    if (root) start(root);
  }
})();
