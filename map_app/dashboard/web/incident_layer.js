{#- Jinja macro rendered by map_app.map_layers.IncidentLayer: markers, popups,
    tooltips, legend and week player, all built from the JSON payload with DOM calls
    (textContent), never parsed as HTML. The dom_helpers.js placeholder comment below
    is replaced with map_app/web/dom_helpers.js when the template is loaded. -#}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    {# dom_helpers.js #}
    var P = {{ this.payload }};
    var icons = P.colors.map(function (c, i) {
        return L.divIcon({className: 'inc-dot inc-t' + i, iconSize: [14, 14], html: ''});
    });
    var opts = {{ this.options|tojavascript }};
    // Donut icon: the event-type mix around the count. Only numbers and the
    // palette (hex colours made in Python) go into the HTML.
    function donut(counts, n) {
        var stops = [], acc = 0, k;
        for (k = 0; k < P.colors.length; k++) {
            if (!counts[k]) { continue; }
            var next = acc + counts[k] / n;
            stops.push(P.colors[k] + ' ' + (acc * 360).toFixed(1) + 'deg ' + (next * 360).toFixed(1) + 'deg');
            acc = next;
        }
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
        return L.divIcon({
            html: '<div class="inc-donut" style="background:conic-gradient(' + stops.join(',') +
                  ')"><span>' + n + '</span></div>',
            className: 'inc-cluster', iconSize: L.point(size, size)
        });
    }
    function addRow(counts, r) {
        if (r[6]) {
            for (var j = 0; j < r[6].length; j += 2) { counts[r[6][j]] = (counts[r[6][j]] || 0) + r[6][j + 1]; }
            return r[5];
        }
        counts[r[2]] = (counts[r[2]] || 0) + 1;
        return 1;
    }
    opts.iconCreateFunction = function (c) {
        var ms = c.getAllChildMarkers(), counts = {}, n = 0;
        for (var k = 0; k < ms.length; k++) { n += addRow(counts, P.rows[ms[k]._incRow]); }
        return donut(counts, n);
    };
    var state = {week: -1, timer: null, loaded: false, ready: false, pending: null};
    opts.chunkProgress = function (done, total) {
        if (done < total || state.ready) { return; }
        state.ready = true;
        if (state.pending !== null) { var id = state.pending; state.pending = null; window.incidentFocus(id); }
    };
    var cluster = L.markerClusterGroup(opts);
    var markers = new Array(P.rows.length);
    var byId = {};
    for (var i = 0; i < P.rows.length; i++) {
        var r = P.rows[i], icon = icons[r[2]];
        if (r[5] > 1) { var cc = {}; icon = donut(cc, addRow(cc, r)); }
        var m = L.marker([r[0], r[1]], {icon: icon, keyboard: false});
        m._incRow = i;
        markers[i] = m;
        byId[r[3]] = m;
    }
    // Added once the group is on the map: off the map, markercluster 1.1 checks
    // each new marker against the list of pending ones (quadratic). Not chunked:
    // 1.1's chunked loading leaves clusters without bounds if the map moves mid-load.
    cluster.on('add', function () {
        if (state.loaded) { return; }
        state.loaded = true;
        cluster.addLayers(markers);
    });

    function row(table, label, node) {
        var tr = incEl('tr'); tr.appendChild(incEl('th', null, label));
        var td = incEl('td'); td.appendChild(node); tr.appendChild(td);
        table.appendChild(tr);
    }
    function popup(i) {
        var r = P.rows[i], d = P.details[i];
        var root = incEl('div', 'inc-pop');
        var head = incEl('div', 'inc-head');
        var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[r[2]];
        head.appendChild(sw); head.appendChild(incBdi(P.types[r[2]]));
        root.appendChild(head);
        if (d[0]) { var sub = incEl('div', 'inc-sub'); sub.appendChild(incBdi(d[0])); root.appendChild(sub); }
        root.appendChild(incEl('div', 'inc-id', 'Incident #' + r[3]));
        var t = incEl('table');
        row(t, 'Date', document.createTextNode(d[1] ? d[1] + (d[2] ? ' (' + d[2] + ')' : '') : 'unknown'));
        var place = incEl('span'); place.appendChild(incBdi(d[3] || '?'));
        if (d[4]) { place.appendChild(document.createTextNode(', ')); place.appendChild(incBdi(d[4])); }
        if (d[5]) { place.appendChild(document.createTextNode(' · ' + d[5])); }
        row(t, 'Place', place);
        row(t, 'Fatalities', document.createTextNode(d[6] === null || d[6] === undefined ? 'unknown' : String(d[6])));
        if (d[7] && d[7].length) {
            var actors = incEl('span');
            d[7].forEach(function (a, k) {
                if (k) { actors.appendChild(document.createTextNode('; ')); }
                actors.appendChild(incBdi(a));
            });
            row(t, 'Actors', actors);
        }
        if (d[12] !== null && d[12] !== undefined) { row(t, 'Confidence', document.createTextNode(String(d[12]))); }
        if (d[13]) { row(t, 'Status', document.createTextNode(d[13])); }
        root.appendChild(t);
        if (d[8]) {
            var q = incEl('blockquote'); q.setAttribute('dir', 'auto');
            if (d[9] >= 0 && d[10] > d[9]) {
                q.appendChild(document.createTextNode(d[8].slice(0, d[9])));
                q.appendChild(incEl('mark', null, d[8].slice(d[9], d[10])));
                q.appendChild(document.createTextNode(d[8].slice(d[10])));
            } else {
                q.textContent = d[8];
            }
            root.appendChild(q);
        }
        if (d[11] && d[11].length) {
            var src = incEl('div', 'inc-src');
            src.appendChild(incEl('b', null, d[11].length > 1 ? 'Sources' : 'Source'));
            d[11].forEach(function (s) {
                if (s[0] && /^https?:\/\//i.test(s[0])) {
                    var a = incEl('a', null, s[1] || s[0]);
                    a.href = s[0]; a.target = '_blank'; a.rel = 'noopener noreferrer nofollow';
                    a.setAttribute('dir', 'auto');
                    src.appendChild(a);
                } else {
                    var span = incEl('div'); span.appendChild(incBdi(s[1])); src.appendChild(span);
                }
            });
            root.appendChild(src);
        }
        return root;
    }
    // Aggregated view: a marker stands for every incident in a ~2 km cell.
    function cellPopup(i) {
        var r = P.rows[i], d = P.details[i];
        var root = incEl('div', 'inc-pop');
        root.appendChild(incEl('div', 'inc-head', r[5] + (r[5] === 1 ? ' incident' : ' incidents') +
                               ' within ~' + P.cell_km + ' km'));
        var t = incEl('table');
        for (var j = 0; j < r[6].length; j += 2) {
            var cell = incEl('span');
            var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[r[6][j]];
            cell.appendChild(sw); cell.appendChild(document.createTextNode(' ' + r[6][j + 1]));
            row(t, '', cell);
            t.lastChild.firstChild.appendChild(incBdi(P.types[r[6][j]]));
        }
        if (d[0]) { row(t, 'Dates', document.createTextNode(d[0] === d[1] ? d[0] : d[0] + ' – ' + d[1])); }
        if (d[2].length) {
            var places = incEl('span');
            d[2].forEach(function (p, k) {
                if (k) { places.appendChild(document.createTextNode('; ')); }
                places.appendChild(incBdi(p));
            });
            row(t, 'Places', places);
        }
        row(t, 'Fatalities', document.createTextNode(String(d[3])));
        root.appendChild(t);
        root.appendChild(incEl('div', 'inc-note',
            'Too many incidents to show one by one: narrow the filters to see each with its evidence.'));
        return root;
    }
    function tip(i) {
        var r = P.rows[i], d = P.details[i];
        var e = incEl('span');
        if (P.aggregated) {
            e.textContent = r[5] + (r[5] === 1 ? ' incident' : ' incidents') + (d[2].length ? ' · ' : '');
            if (d[2].length) { e.appendChild(incBdi(d[2][0])); }
            return e;
        }
        e.appendChild(incBdi(P.types[r[2]]));
        e.appendChild(document.createTextNode(' · '));
        e.appendChild(incBdi(d[3] || '?'));
        if (d[1]) { e.appendChild(document.createTextNode(' · ' + d[1])); }
        return e;
    }
    function ensure(m) {
        if (!m.getPopup()) {
            m.bindPopup((P.aggregated ? cellPopup : popup)(m._incRow),
                        {maxWidth: 360, minWidth: 240, autoPanPadding: [30, 30]});
        }
        return m;
    }
    cluster.on('click', function (e) {
        var m = e.layer;
        if (m && m._incRow !== undefined && !m.getPopup()) { ensure(m).openPopup(); }
    });
    cluster.on('mouseover', function (e) {
        var m = e.layer;
        if (m && m._incRow !== undefined && !m.getTooltip()) {
            m.bindTooltip(tip(m._incRow), {direction: 'top', offset: [0, -6]}).openTooltip();
        }
    });

    // Legend: a Leaflet control built from the data with textContent.
    if (P.types.length) {
        var legend = L.control({position: 'bottomright'});
        legend.onAdd = function () {
            var box = incEl('div', 'inc-legend');
            box.appendChild(incEl('div', 'inc-lt', 'Event type'));
            var order = P.types.map(function (_n, i) { return i; });
            order.sort(function (a, b) { return P.counts[b] - P.counts[a]; });
            order.forEach(function (i) {
                var name = P.types[i];
                var rowEl = incEl('div', 'inc-row');
                var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[i];
                rowEl.appendChild(sw); rowEl.appendChild(incBdi(name));
                rowEl.appendChild(incEl('span', 'inc-n', String(P.counts[i])));
                box.appendChild(rowEl);
            });
            L.DomEvent.disableClickPropagation(box);
            return box;
        };
        legend.addTo(map);
    }

    // Week player: steps the cluster through the weeks of the data.
    var days = P.rows.map(function (r) { return r[4]; }).filter(function (x) { return x !== null; });
    function showAll() {
        cluster.clearLayers(); cluster.addLayers(markers); state.week = -1;
    }
    {% if this.player %}
    if (days.length) {
        var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
        // Ordinal day 1 (0001-01-01) is a Monday, so (d - 1) % 7 is the weekday.
        var start = first - ((first - 1) % 7);
        var nWeeks = Math.floor((last - start) / 7) + 1;
        var weeks = [];
        for (var w = 0; w < nWeeks; w++) { weeks.push([]); }
        P.rows.forEach(function (r, i) {
            if (r[4] !== null) { weeks[Math.floor((r[4] - start) / 7)].push(markers[i]); }
        });
        var isoDay = function (ordinal) {
            // ordinal 719163 is 1970-01-01
            return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10);
        };
        var plural = function (n) { return n + (n === 1 ? ' incident' : ' incidents'); };
        var player = L.control({position: 'bottomleft'});
        var label, slider, playBtn;
        function setLabel() {
            if (state.week < 0) {
                label.textContent = 'All dates · ' + plural(markers.length);
            } else {
                label.textContent = 'Week of ' + isoDay(start + 7 * state.week) + ' · ' +
                    plural(weeks[state.week].length);
            }
        }
        function showWeek(w) {
            state.week = w; cluster.clearLayers(); cluster.addLayers(weeks[w]);
            slider.value = String(w); setLabel();
        }
        function stop() {
            if (state.timer) { clearInterval(state.timer); state.timer = null; }
            playBtn.textContent = '▶';
        }
        player.onAdd = function () {
            var box = incEl('div', 'inc-player');
            playBtn = incEl('button', 'inc-play', '▶'); playBtn.title = 'Play week by week';
            var allBtn = incEl('button', 'inc-all', 'All'); allBtn.title = 'Show all dates';
            slider = incEl('input'); slider.type = 'range'; slider.min = '0';
            slider.max = String(nWeeks - 1); slider.value = '0'; slider.className = 'inc-week';
            label = incEl('span', 'inc-pl');
            box.appendChild(playBtn); box.appendChild(allBtn); box.appendChild(slider); box.appendChild(label);
            setLabel();
            playBtn.onclick = function () {
                if (state.timer) { stop(); return; }
                playBtn.textContent = '⏸';
                if (state.week < 0 || state.week >= nWeeks - 1) { showWeek(0); }
                state.timer = setInterval(function () {
                    if (state.week >= nWeeks - 1) { stop(); return; }
                    showWeek(state.week + 1);
                }, {{ this.step_ms }});
            };
            allBtn.onclick = function () { stop(); showAll(); setLabel(); };
            slider.oninput = function () { stop(); showWeek(parseInt(slider.value, 10)); };
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        player.addTo(map);
    }
    {% endif %}

    window.incidentFocus = function (id) {
        var m = byId[id];
        if (!m) { return false; }
        if (!state.ready) { state.pending = id; return true; }  // still loading: later
        if (!cluster.hasLayer(m)) { showAll(); }
        if (!map.hasLayer(cluster)) { map.addLayer(cluster); }
        cluster.zoomToShowLayer(m, function () { ensure(m).openPopup(); });
        return true;
    };
    window.incidentLayer = {cluster: cluster, markers: markers, byId: byId};
    return cluster;
})({{ this._parent.get_name() }});
{% endmacro %}
