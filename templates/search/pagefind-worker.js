/*
 * Material for MkDocs' search worker, answered by Pagefind. The knowledge plugin puts this file
 * where Material's own (lunr) worker was when the Pagefind backend is on (generator/search.py).
 *
 * Material documents the worker as its extension point for other search engines: the header
 * search box, keyboard handling, suggestions and the result list stay Material's, and talk to
 * the worker in Material's message protocol (SETUP, READY, QUERY, RESULT). Instead of one index
 * file holding the whole site, Pagefind loads the few small chunks a query needs, so the time
 * to the first result stays flat as the corpus grows. Stemming is Pagefind's (German, from the
 * index's language), and the last word matches as a prefix while the reader types.
 */
"use strict"

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var FIRST = 10 // results in the first answer: Material renders 10 at once
var SHOWN = 50 // results listed in all; each needs its excerpt loaded
var PAUSE = 300 // ms without a new query before the results after the first FIRST load
var SITE = new URL("../../../", self.location.href) // this file is assets/javascripts/workers/*.js
// URLs come back from "/"; they are made relative so Material resolves them against the site's
// own base, wherever the site is hosted. The same for every part of the index.
var OPTIONS = { baseUrl: "/", excerptLength: 24 }

var pagefind = null
var merged = false // the index is in parts (generator/adapters/pagefind.py)
var suggest = false
var latest = 0 // the id of the newest query
var waiting = null // the newest query not started yet: {text, id}
var busy = false // a search is running

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
  })
}

function words(text) {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

function setup() {
  return import(new URL("pagefind/pagefind.js", SITE).href).then(function (module) {
    pagefind = module
    return pagefind.options(OPTIONS)
  }).then(function () {
    return pagefind.init()
  }).then(function () {
    // A large site's index comes in parts (generator/adapters/pagefind.py); the first is the
    // one loaded above, the others are searched with it and their results ranked together.
    return fetch(new URL("pagefind/knowledge-parts.json", SITE).href).then(function (response) {
      return response.ok ? response.json() : []
    })
  }).then(function (parts) {
    merged = parts.length > 0
    return Promise.all(parts.map(function (part) {
      return pagefind.mergeIndex(new URL("pagefind/" + part, SITE).href, OPTIONS)
    }))
  }).then(function () {
    // The first search compiles Pagefind's WebAssembly and loads its metadata (about 150 ms
    // measured at 1,000 articles); do it now, while the page loads, not when the reader types.
    return pagefind.search("zzzz")
  })
}

function entry(url, title, excerpt, score, terms) {
  return {
    location: url.replace(/^\//, ""),
    title: escapeHtml(title), // Material inserts titles as HTML; Pagefind's excerpts are escaped
    text: excerpt ? "<p>" + excerpt + "</p>" : "",
    score: score,
    terms: terms
  }
}

// Does a query word name this title word? The same word, an inflected form of it ("DeepSeeks"
// for "DeepSeek") or, while typing, its beginning ("Deeps").
function names(query, title) {
  return title === query ||
    (query.indexOf(title) === 0 && query.length - title.length <= 2) ||
    (title.indexOf(query) === 0 && query.length >= 3)
}

// How well a page's title answers the query: 0 unless every query word names a title word,
// then the share of title words named. Pagefind ranks by word weights and counts, and cannot
// tell that "DeepSeek" is the whole title of one page and a word in the title of another (its
// issue 437); like Material's lunr search, the loaded results are re-ranked by title.
function titleMatch(query, title) {
  var asked = words(query), have = words(title)
  if (!asked.length || !have.length) return 0
  var named = new Set()
  for (var word of asked) {
    var index = have.findIndex(function (t, i) { return !named.has(i) && names(word, t) })
    if (index === -1) return 0
    named.add(index)
  }
  return named.size / have.length
}

function suggestion(query, title) {
  var last = words(query).pop()
  if (!last) return []
  var match = words(title).filter(function (word) {
    return word.length > last.length && word.indexOf(last) === 0
  })
  return match.slice(0, 1)
}

// Pagefind answers a word that no page of an index has with the pages of the longest word
// of that index it starts with ("Quorkelwort" -> "quo"). In one index that happens only when
// no page has the word; with the index in parts, every part without it answers so, while the
// part with the word has its page. Such pages are left out when a page has the word itself.
function plain(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
}

function prefix(a, b) {
  var n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

// The words of a page that Pagefind matched (each part of a compound such as "KI-Modells").
function matched(page) {
  var content = (page.raw_content || page.content || "").split(/[\r\n\s]+/g)
  var found = []
  ;(page.locations || []).forEach(function (at) {
    words(content[at] || "").forEach(function (word) { found.push(plain(word)) })
  })
  return found
}

// Every word asked is on the page: the same word, a form of it ("Modelle", "Modells") or,
// while typing, a word it begins.
function hasWords(asked, page) {
  var found = matched(page)
  return asked.every(function (word) {
    return found.some(function (other) {
      return other.indexOf(word) === 0 || prefix(word, other) >= Math.max(3, word.length - 3)
    })
  })
}

function rank(text, terms, pages, results) {
  return pages.map(function (page, index) {
    var title = (page.meta && page.meta.title) || page.url
    return { page: page, title: title, score: results[index].score, match: titleMatch(text, title) }
  }).sort(function (a, b) { return b.match - a.match || b.score - a.score })
}

function group(hit, terms) {
  var page = hit.page
  var items = [entry(page.url, hit.title, page.excerpt, hit.score, terms)]
  ;(page.sub_results || []).forEach(function (sub) {
    if (sub.url !== page.url && sub.url.indexOf("#") !== -1)
      items.push(entry(sub.url, sub.title, sub.excerpt, hit.score / 2, terms))
  })
  return items
}

function load(results) {
  return Promise.all(results.map(function (result) { return result.data() }))
}

// Answers a query in two steps: the best FIRST results as soon as their excerpts are loaded
// (Material renders 10 at once), then, after a pause in typing, up to SHOWN with the rest
// appended below them.
async function search(query, id) {
  // Material's users may type lunr syntax ("+", "-", "*", "~", "^", "field:"); Pagefind reads words.
  var text = query.replace(/[+*~^:]/g, " ").replace(/(^|\s)-/g, " ").trim()
  if (!text) return postMessage({ type: RESULT, data: { items: [] } })
  var terms = {}
  words(text).forEach(function (word) { terms[word] = true })
  var found = await pagefind.search(text)
  if (id !== latest) return // superseded while Pagefind searched: load no excerpts for it
  var results = found.results
  var first = await load(results.slice(0, FIRST))
  if (id !== latest) return // the reader typed on; a newer answer follows
  var asked = words(text).map(plain)
  var having = new Set(first.filter(function (page) { return hasWords(asked, page) }))
  var strict = merged && having.size > 0
  var best = rank(text, terms, first, results.slice(0, FIRST)).filter(function (hit) {
    return !strict || having.has(hit.page)
  })
  var answer = { items: best.map(function (hit) { return group(hit, terms) }) }
  if (suggest) answer.suggest = best.length ? suggestion(text, best[0].title) : []
  postMessage({ type: RESULT, data: answer })
  if (results.length <= FIRST) return
  // The rest only once the reader pauses: while they type, every key is a new query. Not
  // awaited: the next query need not wait for the pause.
  setTimeout(function () {
    if (id !== latest) return
    var more = results.slice(FIRST, SHOWN)
    load(more).then(function (pages) {
      if (id !== latest) return
      var rest = rank(text, terms, pages, more).filter(function (hit) {
        return !strict || hasWords(asked, hit.page)
      })
      answer.items = answer.items.concat(rest.map(function (hit) { return group(hit, terms) }))
      postMessage({ type: RESULT, data: answer })
    }).catch(function (err) { console.warn("Search failed:", err) })
  }, PAUSE)
}

var ready = null

// One search at a time, and of the queries typed meanwhile only the newest: a reader typing
// "Mistral" letter by letter would otherwise start seven searches that all load their chunks
// before the one they want (3 to 4.6 s at 10,000 articles), where now at most two run.
async function drain() {
  busy = true
  while (waiting) {
    var next = waiting
    waiting = null
    try {
      await ready
      await search(next.text, next.id)
    } catch (err) {
      console.warn("Search failed:", err)
      if (next.id === latest) postMessage({ type: RESULT, data: { items: [] } })
    }
  }
  busy = false
}

addEventListener("message", async function (event) {
  var message = event.data
  if (message.type === SETUP) {
    suggest = Boolean(message.data.options && message.data.options.suggest)
    ready = ready || setup()
    await ready
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    waiting = { text: message.data, id: ++latest }
    if (!busy) drain()
  }
})
