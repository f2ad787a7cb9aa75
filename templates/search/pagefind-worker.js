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
var SHOWN = 20 // results whose excerpts are loaded; Material renders the first 10 at once
var SITE = new URL("../../../", self.location.href) // this file is assets/javascripts/workers/*.js

var pagefind = null
var suggest = false
var latest = 0

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
    // URLs come back from "/"; they are made relative so Material resolves them against the
    // site's own base, wherever the site is hosted.
    return pagefind.options({ baseUrl: "/", excerptLength: 24 })
  }).then(function () {
    return pagefind.init()
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

async function search(query, id) {
  // Material's users may type lunr syntax ("+", "-", "*", "~", "^", "field:"); Pagefind reads words.
  var text = query.replace(/[+*~^:]/g, " ").replace(/(^|\s)-/g, " ").trim()
  if (!text) return { items: [] }
  var terms = {}
  words(text).forEach(function (word) { terms[word] = true })
  var found = await pagefind.search(text)
  var pages = await Promise.all(found.results.slice(0, SHOWN).map(function (result) {
    return result.data()
  }))
  if (id !== latest) return null // the reader typed on; a newer answer follows
  var ranked = pages.map(function (page, index) {
    var title = (page.meta && page.meta.title) || page.url
    return { page: page, title: title, score: found.results[index].score, match: titleMatch(text, title) }
  }).sort(function (a, b) { return b.match - a.match || b.score - a.score })
  var items = ranked.map(function (hit) {
    var page = hit.page, score = hit.score, title = hit.title
    var group = [entry(page.url, title, page.excerpt, score, terms)]
    ;(page.sub_results || []).forEach(function (sub) {
      if (sub.url !== page.url && sub.url.indexOf("#") !== -1)
        group.push(entry(sub.url, sub.title, sub.excerpt, score / 2, terms))
    })
    return group
  })
  var result = { items: items }
  if (suggest) result.suggest = ranked.length ? suggestion(text, ranked[0].title) : []
  return result
}

var ready = null

addEventListener("message", async function (event) {
  var message = event.data
  if (message.type === SETUP) {
    suggest = Boolean(message.data.options && message.data.options.suggest)
    ready = ready || setup()
    await ready
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    var id = ++latest
    try {
      await ready
      var result = await search(message.data, id)
      if (result) postMessage({ type: RESULT, data: result })
    } catch (err) {
      console.warn("Search failed:", err)
      postMessage({ type: RESULT, data: { items: [] } })
    }
  }
})
