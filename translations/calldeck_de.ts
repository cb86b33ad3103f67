<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+24"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 gestartet (Qt %2).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Nur-Lese-Modus (--read-only): Steueraktionen werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Nur-Lese-Modus (in den Einstellungen gesetzt): Steueraktionen werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The embedded HEP/raw-SIP listener is not available yet; it arrives with the mirror feed (issue #4). No SIP is received.</source>
        <translation>Der eingebaute HEP/Roh-SIP-Empfänger ist noch nicht verfügbar; er kommt mit dem Spiegel-Feed (Issue #4). Es wird kein SIP empfangen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Eingebauter HEP/Roh-SIP-Empfänger abgeschaltet (--hep off).</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+35"/>
        <source>CallDeck, a live SIP dialog console. Without feed options it uses the embedded default: a HEP/raw-SIP listener on 127.0.0.1:9060 (UDP and TCP) and an SQLite store in the user&apos;s data directory.</source>
        <translation>CallDeck, eine Live-Konsole für SIP-Dialoge. Ohne Feed-Optionen nutzt sie die eingebaute Vorgabe: einen HEP/Roh-SIP-Empfänger auf 127.0.0.1:9060 (UDP und TCP) und einen SQLite-Speicher im Datenverzeichnis des Benutzers.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run the engine without a window; stop cleanly on SIGINT/SIGTERM.</source>
        <translation>Die Engine ohne Fenster ausführen; bei SIGINT/SIGTERM sauber beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen for HEP (v1/v2/v3) and raw SIP on UDP and TCP; repeatable. &quot;off&quot; disables the embedded listener.</source>
        <translation>Auf HEP (v1/v2/v3) und Roh-SIP über UDP und TCP lauschen; wiederholbar. „off“ schaltet den eingebauten Empfänger ab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept only HEPv3 packets carrying this auth key.</source>
        <translation>Nur HEPv3-Pakete mit diesem Authentifizierungsschlüssel annehmen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read a pcap/pcapng file as fast as possible.</source>
        <translation>Eine pcap/pcapng-Datei so schnell wie möglich einlesen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --replay: keep the recorded pace.</source>
        <translation>Mit --replay: das aufgezeichnete Tempo einhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --headless and --replay: exit when the replay is done.</source>
        <translation>Mit --headless und --replay: nach dem Abspielen beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a proxy JSON-RPC feed, e.g. http://user:pw@127.0.0.1:5071/RPC; repeatable.</source>
        <translation>Einen JSON-RPC-Feed eines Proxys hinzufügen, z. B. http://user:pw@127.0.0.1:5071/RPC; wiederholbar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --headless: answer Kamailio-compatible JSON-RPC at http://ADDR:PORT/RPC.</source>
        <translation>Mit --headless: Kamailio-kompatibles JSON-RPC unter http://ADDR:PORT/RPC beantworten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Local socket for the in-dialog requests the console sends itself.</source>
        <translation>Lokaler Socket für die In-Dialog-Anfragen, die die Konsole selbst sendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog store: sqlite:///path or postgresql://user:pw@host/db.</source>
        <translation>Dialogspeicher: sqlite:///pfad oder postgresql://user:pw@host/db.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store mode as the dialog module&apos;s db_mode: 0 none, 1 real-time, 2 delayed, 3 on shutdown.</source>
        <translation>Speichermodus wie db_mode des dialog-Moduls: 0 keiner, 1 in Echtzeit, 2 verzögert, 3 beim Beenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation>Beim Beenden einen Schnappschuss schreiben: .json (Form von dlg.list), .csv oder .pcap.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print one JSON summary line on exit (messages, dialogs, rates, drops).</source>
        <translation>Beim Beenden eine JSON-Zusammenfassung ausgeben (Nachrichten, Dialoge, Raten, Verluste).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse every control action.</source>
        <translation>Jede Steueraktion ablehnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User-interface language, e.g. de, fr or es (default: system).</source>
        <translation>Sprache der Oberfläche, z. B. de, fr oder es (Vorgabe: System).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: %1 „calldeck --help“ listet die Optionen auf.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>calldeck: unexpected argument &apos;%1&apos;; options start with --. Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: unerwartetes Argument „%1“; Optionen beginnen mit --. „calldeck --help“ listet die Optionen auf.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>calldeck: --hep off cannot be combined with --hep ADDR:PORT; give either listeners or off.</source>
        <translation>calldeck: --hep off lässt sich nicht mit --hep ADDR:PORT kombinieren; geben Sie entweder Empfänger oder off an.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --hep-key needs a non-empty KEY, the auth key your HEP agent sends (Kamailio: siptrace&apos;s auth_key).</source>
        <translation>calldeck: --hep-key braucht einen nicht leeren KEY, den Authentifizierungsschlüssel Ihres HEP-Agenten (Kamailio: auth_key von siptrace).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --hep-key has no effect with --hep off; drop one of them.</source>
        <translation>calldeck: --hep-key wirkt nicht zusammen mit --hep off; lassen Sie eine der beiden Optionen weg.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --replay needs a pcap or pcapng FILE.</source>
        <translation>calldeck: --replay braucht eine pcap- oder pcapng-Datei (FILE).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --replay: no such file &apos;%1&apos;; check the path.</source>
        <translation>calldeck: --replay: Datei „%1“ nicht gefunden; prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay: cannot read &apos;%1&apos;; check its permissions.</source>
        <translation>calldeck: --replay: „%1“ ist nicht lesbar; prüfen Sie die Zugriffsrechte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay-pace only applies to --replay FILE; add --replay or drop --replay-pace.</source>
        <translation>calldeck: --replay-pace gilt nur für --replay FILE; ergänzen Sie --replay oder lassen Sie --replay-pace weg.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --exit-after-replay needs both --headless and --replay FILE.</source>
        <translation>calldeck: --exit-after-replay braucht sowohl --headless als auch --replay FILE.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --rpc &apos;%1&apos; is not an http:// or https:// URL with a host; write e.g. --rpc http://user:pw@127.0.0.1:5071/RPC</source>
        <translation>calldeck: --rpc „%1“ ist keine http://- oder https://-URL mit Host; schreiben Sie z. B. --rpc http://user:pw@127.0.0.1:5071/RPC</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc &apos;%1&apos;: port 0 is not allowed; use 1-65535.</source>
        <translation>calldeck: --rpc „%1“: Port 0 ist nicht erlaubt; verwenden Sie 1-65535.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck: --serve-rpc funktioniert nur mit --headless; ergänzen Sie --headless oder lassen Sie die Option weg.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck: --db „%1“ ist keine Speicher-URL; schreiben Sie sqlite:///pfad/zu/calldeck.db oder postgresql://user:pw@host:5432/dbname</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck: --db-mode „%1“ liegt außerhalb des Bereichs; verwenden Sie 0 (keiner), 1 (Echtzeit), 2 (verzögert) oder 3 (beim Beenden).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation>calldeck: --export „%1“: unbekanntes Format; der Dateiname muss auf .json, .csv oder .pcap enden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck: --lang „%1“ ist kein Sprachcode; schreiben Sie z. B. --lang de, --lang fr oder --lang es_MX.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the mirror feed, issue #4</source>
        <translation>dem Spiegel-Feed, Issue #4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it to open the console.</source>
        <translation>calldeck: %1 ist noch nicht verfügbar (kommt mit %2); starten Sie ohne diese Option, um die Konsole zu öffnen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the headless engine</source>
        <translation>der fensterlosen Engine</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the JSON-RPC feed</source>
        <translation>dem JSON-RPC-Feed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the served JSON-RPC</source>
        <translation>dem bereitgestellten JSON-RPC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the console&apos;s control actions</source>
        <translation>den Steueraktionen der Konsole</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>the dialog store</source>
        <translation>dem Dialogspeicher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>snapshot export</source>
        <translation>dem Schnappschuss-Export</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the engine statistics</source>
        <translation>den Engine-Statistiken</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+199"/>
        <source>No dialogs yet</source>
        <translation>Noch keine Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck zeigt jeden SIP-Dialog, den es sieht, live an und lässt Sie darauf einwirken. Versorgen Sie es auf eine dieser Arten mit SIP:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1. Mirror a Kamailio proxy</source>
        <translation>1. Einen Kamailio-Proxy spiegeln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add these lines to %1 and restart Kamailio. The siptrace module then copies every SIP message it receives or sends, as HEPv3, to CallDeck&apos;s mirror port %2.</source>
        <translation>Fügen Sie diese Zeilen in %1 ein und starten Sie Kamailio neu. Das Modul siptrace kopiert dann jede empfangene oder gesendete SIP-Nachricht als HEPv3 an den Spiegel-Port %2 von CallDeck.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these lines to the clipboard</source>
        <translation>Diese Zeilen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The mirror port opens with the mirror feed (issue #4); the Sources panel shows its state.</source>
        <translation>Der Spiegel-Port öffnet sich mit dem Spiegel-Feed (Issue #4); die Ansicht „Quellen“ zeigt seinen Zustand.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>2. Replay a capture</source>
        <translation>2. Einen Mitschnitt abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1 (%2) to replay a pcap or pcapng file.</source>
        <translation>Wählen Sie %1 (%2), um eine pcap- oder pcapng-Datei abzuspielen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open capture…</source>
        <translation>Datei → Mitschnitt öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open capture…</source>
        <translation>Mitschnitt öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3. Poll a proxy&apos;s JSON-RPC</source>
        <translation>3. Das JSON-RPC eines Proxys abfragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start CallDeck with %1 to read a proxy&apos;s dialogs through Kamailio&apos;s jsonrpcs module, for example %2. Repeat the option to watch several proxies.</source>
        <translation>Starten Sie CallDeck mit %1, um die Dialoge eines Proxys über das Kamailio-Modul jsonrpcs zu lesen, zum Beispiel %2. Wiederholen Sie die Option, um mehrere Proxys zu beobachten.</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <location filename="../ui/eventlogmodel.cpp" line="+116"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <location filename="../app/hostport.cpp" line="+22"/>
        <source>calldeck: %1 &apos;%2&apos; needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</source>
        <translation>calldeck: %1 „%2“ braucht ADDR:PORT, z. B. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck: %1 „%2“: Port „%3“ liegt außerhalb des Bereichs; verwenden Sie 1-65535.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is not an IPv6 address.</source>
        <translation>calldeck: %1 „%2“: „%3“ ist keine IPv6-Adresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: %1 &apos;%2&apos;: write IPv6 addresses in brackets, e.g. %1 [::1]:9060.</source>
        <translation>calldeck: %1 „%2“: schreiben Sie IPv6-Adressen in eckigen Klammern, z. B. %1 [::1]:9060.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is neither an IPv4 address nor a host name; e.g. %1 127.0.0.1:9060.</source>
        <translation>calldeck: %1 „%2“: „%3“ ist weder eine IPv4-Adresse noch ein Hostname; z. B. %1 127.0.0.1:9060.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+80"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Kamailio-Konfiguration in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Open capture</source>
        <translation>Mitschnitt öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying captures is not available yet — it arrives with the mirror feed (issue #4).</source>
        <translation>Das Abspielen von Mitschnitten ist noch nicht verfügbar — es kommt mit dem Spiegel-Feed (Issue #4).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until then, feed CallDeck live: mirror a Kamailio proxy with siptrace as shown in the main window.</source>
        <translation>Versorgen Sie CallDeck bis dahin live: Spiegeln Sie einen Kamailio-Proxy mit siptrace, wie im Hauptfenster gezeigt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About CallDeck</source>
        <translation>Über CallDeck</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A live SIP dialog console for network operations centres.</source>
        <translation>Eine Live-Konsole für SIP-Dialoge in Netzleitständen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Erstellt mit Qt %1, läuft mit Qt %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence: GPL-3.0-or-later</source>
        <translation>Lizenz: GPL-3.0-or-later</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open capture…</source>
        <translation>Mitschnitt ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay a pcap or pcapng file</source>
        <translation>Eine pcap- oder pcapng-Datei abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close CallDeck</source>
        <translation>CallDeck schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus &amp;event log</source>
        <translation>&amp;Ereignisprotokoll fokussieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the event log and move the keyboard focus to it</source>
        <translation>Das Ereignisprotokoll zeigen und den Tastaturfokus dorthin setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the keyboard shortcuts</source>
        <translation>Die Tastenkürzel auflisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CallDeck</source>
        <translation>Über &amp;CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version and licence</source>
        <translation>Version und Lizenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the list of feeds</source>
        <translation>Die Liste der Feeds zeigen oder verbergen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the event log</source>
        <translation>Das Ereignisprotokoll zeigen oder verbergen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="+16"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Kürzel</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+75"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HEP / raw SIP</source>
        <translation>HEP / Roh-SIP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not available yet</source>
        <translation>Noch nicht verfügbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The embedded HEP/raw-SIP listener is not available yet: it arrives with the mirror feed (issue #4).</source>
        <translation>Der eingebaute HEP/Roh-SIP-Empfänger ist noch nicht verfügbar: Er kommt mit dem Spiegel-Feed (Issue #4).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded default feed. It arrives with the mirror feed (issue #4); until then CallDeck receives no SIP.</source>
        <translation>Eingebauter Standard-Feed. Er kommt mit dem Spiegel-Feed (Issue #4); bis dahin empfängt CallDeck kein SIP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Start CallDeck without --hep off to use it.</source>
        <translation>Kein Feed eingerichtet: Der eingebaute Empfänger ist abgeschaltet (--hep off). Starten Sie CallDeck ohne --hep off, um ihn zu nutzen.</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+82"/>
        <source>Dialogs: %1 active · %2 early · %3 total</source>
        <translation>Dialoge: %1 aktiv · %2 früh · %3 gesamt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table.</source>
        <translation>Aktiv: bestätigte Dialoge (Zustände 3 und 4). Früh: Dialoge mit vorläufiger Antwort (Zustand 2). Gesamt: alle Dialoge der Tabelle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode: CallDeck refuses every control action (hang up, transfer, bridge, timeout and profile changes).</source>
        <translation>Nur-Lese-Modus: CallDeck lehnt jede Steueraktion ab (Auflegen, Weiterleiten, Verbinden, Änderungen von Timeout und Profilen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds</source>
        <translation>Keine Feeds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No feed is configured, so no SIP arrives. See View → Sources.</source>
        <translation>Kein Feed ist eingerichtet, daher kommt kein SIP an. Siehe Ansicht → Quellen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds running</source>
        <translation>Keine Feeds aktiv</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n configured feed(s), none delivering SIP. See View → Sources.</source>
        <translation>
            <numerusform>%n eingerichteter Feed, keiner liefert SIP. Siehe Ansicht → Quellen.</numerusform>
            <numerusform>%n eingerichtete Feeds, keiner liefert SIP. Siehe Ansicht → Quellen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 of %2 running</source>
        <translation>Feeds: %1 von %2 aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Den Zustand jedes Feeds zeigt Ansicht → Quellen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+58"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck: Für %1 gibt es noch keine Übersetzung von CallDeck; es wird Englisch verwendet. Verfügbar: %2.</translation>
    </message>
</context>
</TS>
