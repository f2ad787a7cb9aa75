/*
 * Appended to Material's lunr.de.min.js by the knowledge plugin (generator/search.py).
 *
 * Material appends "*" to every search term, so that results appear while the reader types,
 * and lunr runs no pipeline on wildcard terms. The index holds German stems ("modell",
 * "unternehm", "deepseek"), so "Modelle*", "Unternehmens*" and "DeepSeeks*" found nothing.
 * Here each such term is stemmed with the same German stemmer that built the index, and the
 * wildcard kept: "Modelle" finds "Modell", "DeepSeeks" finds "DeepSeek".
 */
(function () {
  if (typeof lunr === "undefined" || !lunr.de || !lunr.de.stemmer || !lunr.Query) return
  var clause = lunr.Query.prototype.clause
  var word = /^[a-zäöüß]{3,}$/
  lunr.Query.prototype.clause = function (c) {
    if (c && c.usePipeline === false && typeof c.term === "string" && c.term.slice(-1) === "*") {
      var base = c.term.slice(0, -1)
      if (word.test(base)) {
        var stem = lunr.de.stemmer(new lunr.Token(base, {})).toString()
        if (stem) c.term = stem + "*"
      }
    }
    return clause.call(this, c)
  }
})()
