// Läget: small helps on top of pages that work without JavaScript.
;(function () {
  // A copy button beside a read-only field (one-time links): shown only where it can work.
  function setUpCopyButtons(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      if (!navigator.clipboard) return
      button.hidden = false
      button.addEventListener('click', function () {
        var field = document.getElementById(button.getAttribute('data-copy'))
        if (!field) return
        navigator.clipboard.writeText(field.value).then(function () {
          var status = button.parentNode.querySelector('.copy-status')
          if (!status) {
            status = document.createElement('span')
            status.className = 'copy-status'
            status.setAttribute('role', 'status')
            button.after(status)
          }
          status.textContent = button.getAttribute('data-copied')
        })
      })
    })
  }

  // An agency's "public authority" box follows its kind until the admin ticks or unticks it.
  function setUpAgencyKinds(root) {
    root.querySelectorAll('[data-agency-kind]').forEach(function (group) {
      var select = group.querySelector('select')
      var box = group.querySelector('input[type=checkbox]')
      if (!select || !box) return
      var privateKinds = (group.getAttribute('data-private-kinds') || '').split(' ')
      var touched = false
      box.addEventListener('change', function () {
        touched = true
      })
      select.addEventListener('change', function () {
        if (!touched && select.value) box.checked = privateKinds.indexOf(select.value) === -1
      })
    })
  }

  // After a swap that took away the focused element, the focus goes to what changed: the item
  // the server marks, or the swapped part's heading; never to the page's body. Only after the
  // person's own requests (their swaps carry requestConfig): live updates never move anyone's
  // focus. The target is found by id when the focus is set, so a live update that replaced the
  // same element in the meantime does not lose it.
  document.addEventListener('htmx:afterSwap', function (event) {
    var detail = event.detail || {}
    if (!detail.requestConfig) return
    var marked = document.querySelector('[data-focus-after-swap]')
    var markedId = marked ? marked.id : null
    if (marked) marked.removeAttribute('data-focus-after-swap')
    var targetId = detail.target ? detail.target.id : null
    setTimeout(function () {
      var active = document.activeElement
      if (active && active !== document.body) return
      var part = targetId ? document.getElementById(targetId) : null
      var to =
        (markedId && document.getElementById(markedId)) ||
        (part && part.querySelector('h1, h2, h3'))
      if (!to) return
      if (!to.hasAttribute('tabindex')) to.setAttribute('tabindex', '-1')
      to.focus()
    })
  })

  function setUp(root) {
    setUpCopyButtons(root)
    setUpAgencyKinds(root)
  }

  document.addEventListener('DOMContentLoaded', function () {
    setUp(document)
  })
  document.addEventListener('htmx:load', function (event) {
    if (event.target !== document.body) setUp(event.target)
  })
})()
