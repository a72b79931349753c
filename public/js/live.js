// Läget: a live update never wipes out what someone is typing. When an update
// arrives for the part of the meeting page that holds the focused field, it
// waits, and is applied as soon as the focus leaves that part.
;(function () {
  var waiting = new Map()

  function isEditing(section) {
    var active = document.activeElement
    return Boolean(
      active && section.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName),
    )
  }

  document.addEventListener('htmx:sseBeforeMessage', function (event) {
    var section = event.target
    if (!isEditing(section)) return
    event.preventDefault()
    waiting.set(section, event.detail.data)
  })

  // Checked a turn later: the focus also leaves when a swap of one's own request removes
  // the section, and by then the section has fresh content and the waiting update is dropped
  // (applied during that removal, it put a second copy of the section on the page).
  document.addEventListener('focusout', function () {
    setTimeout(function () {
      waiting.forEach(function (content, section) {
        if (!section.isConnected) return waiting.delete(section)
        if (section.contains(document.activeElement)) return
        waiting.delete(section)
        window.htmx.swap(section, content, { swapStyle: 'outerHTML' })
      })
    })
  })
})()
