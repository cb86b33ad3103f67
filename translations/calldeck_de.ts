<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+38"/>
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
        <location line="+42"/>
        <source>%1 (settings file: %2). Until then dialogs are tracked without profile rules; restart CallDeck after the fix.</source>
        <translation>%1 (Einstellungsdatei: %2). Bis dahin werden Dialoge ohne Profilregeln verfolgt; starten Sie CallDeck nach der Korrektur neu.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Listening for HEP and raw SIP on udp %1:%2 and tcp %1:%3.</source>
        <translation>Empfange HEP und Roh-SIP auf udp %1:%2 und tcp %1:%3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot listen for HEP/SIP on %1: %2</source>
        <translation>Kann auf %1 nicht auf HEP/SIP hören: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A proxy was skipped: %1. Fix its URL in Settings or on the command line.</source>
        <translation>Ein Proxy wurde übersprungen: %1. Korrigieren Sie seine URL in den Einstellungen oder auf der Kommandozeile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watching proxy %1 over JSON-RPC at %2.</source>
        <translation>Proxy %1 wird über JSON-RPC unter %2 beobachtet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SIP user agent on udp and tcp %1:%2: terminate, transfer and timeouts work on dialogs that only the mirror sees.</source>
        <translation>SIP-User-Agent auf udp und tcp %1:%2: Beenden, Weiterleiten und Timeouts funktionieren auch bei Dialogen, die nur der Spiegel sieht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The SIP user agent did not start: %1. Actions on dialogs that only the mirror sees are refused; start CallDeck with --sip ADDR:PORT on a free port.</source>
        <translation>Der SIP-User-Agent ist nicht gestartet: %1. Aktionen auf Dialoge, die nur der Spiegel sieht, werden abgelehnt; starten Sie CallDeck mit --sip ADDR:PORT auf einem freien Port.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HEPv3 authentication is on (--hep-key): only HEPv3 packets that carry the key are accepted, from replayed captures too; raw SIP and other packets are dropped and counted as auth failures.</source>
        <translation>HEPv3-Authentifizierung ist aktiv (--hep-key): Nur HEPv3-Pakete mit dem Schlüssel werden angenommen, auch aus abgespielten Mitschnitten; Roh-SIP und andere Pakete werden verworfen und als Authentifizierungsfehler gezählt.</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Proxy settings changed: now watching %n proxy(ies).</source>
        <translation>
            <numerusform>Proxy-Einstellungen geändert: %n Proxy wird jetzt beobachtet.</numerusform>
            <numerusform>Proxy-Einstellungen geändert: %n Proxys werden jetzt beobachtet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-87"/>
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
        <location line="+5"/>
        <source>With --serve-rpc: every request must carry &apos;Authorization: Bearer TOKEN&apos;; needed to serve on an address other than loopback.</source>
        <translation>Mit --serve-rpc: Jede Anfrage muss &apos;Authorization: Bearer TOKEN&apos; mitführen; nötig, um auf einer anderen Adresse als Loopback zu dienen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --serve-rpc: compact JSON replies instead of tab-indented ones.</source>
        <translation>Mit --serve-rpc: kompakte JSON-Antworten statt mit Tabulatoren eingerückter.</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+38"/>
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
        <location line="+13"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck: --serve-rpc funktioniert nur mit --headless; ergänzen Sie --headless oder lassen Sie die Option weg.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token needs a non-empty TOKEN, e.g. the output of &apos;openssl rand -hex 16&apos;.</source>
        <translation>calldeck: --rpc-token braucht ein nicht leeres TOKEN, z. B. die Ausgabe von &apos;openssl rand -hex 16&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-token.</source>
        <translation>calldeck: --rpc-token gilt nur für --serve-rpc ADDR:PORT; fügen Sie --serve-rpc hinzu oder lassen Sie --rpc-token weg.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc-compact only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-compact.</source>
        <translation>calldeck: --rpc-compact gilt nur für --serve-rpc ADDR:PORT; fügen Sie --serve-rpc hinzu oder lassen Sie --rpc-compact weg.</translation>
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
        <location line="+10"/>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it.</source>
        <translation>calldeck: %1 ist noch nicht verfügbar (kommt mit %2); starten Sie ohne diese Option.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: %1 works only with --headless so far (the console window does not write it on exit yet); add --headless or run without it.</source>
        <translation>calldeck: %1 funktioniert bisher nur mit --headless (das Konsolenfenster schreibt es beim Beenden noch nicht); fügen Sie --headless hinzu oder starten Sie ohne diese Option.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export to .%1 is not available yet (it arrives with issue #8); export to a .json file for now.</source>
        <translation>calldeck: --export nach .%1 ist noch nicht verfügbar (kommt mit Issue #8); exportieren Sie vorerst in eine .json-Datei.</translation>
    </message>
    <message>
        <source>the JSON-RPC feed</source>
        <translation type="vanished">dem JSON-RPC-Feed</translation>
    </message>
    <message>
        <source>the console&apos;s control actions</source>
        <translation type="vanished">den Steueraktionen der Konsole</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <source>the dialog store</source>
        <translation>dem Dialogspeicher</translation>
    </message>
</context>
<context>
    <name>DialogFormat</name>
    <message>
        <location filename="../ui/models/dialogformat.cpp" line="+60"/>
        <source>Unconfirmed</source>
        <translation>Unbestätigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early</source>
        <translation>Früh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed (no ACK)</source>
        <translation>Bestätigt (ohne ACK)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown (%1)</source>
        <translation>Unbekannt (%1)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact: %1</source>
        <translation>Contact: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSeq: %1</source>
        <translation>CSeq: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Socket: %1</source>
        <translation>Socket: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route set: %1</source>
        <translation>Route-Set: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ended on wire</source>
        <translation>auf der Leitung beendet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not on proxy</source>
        <translation>nicht im Proxy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ghost?</source>
        <translation>Geisterdialog?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seen on the mirror and listed by the proxy (its h_entry %1, h_id %2).</source>
        <translation>Auf dem Spiegel gesehen und vom Proxy gelistet (dort h_entry %1, h_id %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stale: the proxy did not answer its last poll; this is the last state it reported.</source>
        <translation>Veraltet: Der Proxy hat auf seine letzte Abfrage nicht geantwortet; dies ist der zuletzt gemeldete Zustand.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mirror saw this call end, but the proxy still lists it.</source>
        <translation>Der Spiegel hat das Ende dieses Anrufs gesehen, aber der Proxy listet ihn noch.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seen on the mirror, but no polled proxy lists it.</source>
        <translation>Auf dem Spiegel gesehen, aber kein abgefragter Proxy listet ihn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No in-dialog traffic for a long time: possibly a ghost dialog.</source>
        <translation>Seit Langem kein Verkehr im Dialog: möglicherweise ein Geisterdialog.</translation>
    </message>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+82"/>
        <source>%1 (state %2) since %3</source>
        <translation>%1 (Zustand %2) seit %3</translation>
    </message>
</context>
<context>
    <name>DialogHistoryModel</name>
    <message>
        <location filename="../ui/models/dialoghistorymodel.cpp" line="+114"/>
        <source>Answered %1</source>
        <translation>Angenommen am %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not answered</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caller
%1</source>
        <translation>Anrufer
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Angerufener
%1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller contact</source>
        <translation>Contact Anrufer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contact Angerufener</translation>
    </message>
</context>
<context>
    <name>DialogTableModel</name>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+6"/>
        <source>Ended: the row leaves the table shortly.</source>
        <translation>Beendet: Die Zeile verschwindet in Kürze aus der Tabelle.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not answered</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered %1</source>
        <translation>Angenommen am %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In this state since %1</source>
        <translation>In diesem Zustand seit %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No lifetime timer (lifetime %1 s)</source>
        <translation>Kein Lebensdauer-Timer (Lebensdauer %1 s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires %1 (lifetime %2 s)</source>
        <translation>Läuft ab am %1 (Lebensdauer %2 s)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>h_entry %1, h_id %2</source>
        <translation>h_entry %1, h_id %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caller
%1</source>
        <translation>Anrufer
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Angerufener
%1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Dialog state (dlg.list state 1-5)</source>
        <translation>Dialogzustand (dlg.list-Zustand 1-5)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From URI</source>
        <translation>From-URI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To URI</source>
        <translation>To-URI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time since the 2xx answer (to the end once ended)</source>
        <translation>Zeit seit der 2xx-Antwort (bis zum Ende, sobald beendet)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time spent in the current state</source>
        <translation>Verweildauer im aktuellen Zustand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State age</source>
        <translation>Zustandsdauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left on the lifetime timer</source>
        <translation>Restzeit des Lebensdauer-Timers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the dialog was seen: the mirror, a proxy, a cluster node</source>
        <translation>Wo der Dialog gesehen wurde: Spiegel, ein Proxy, ein Cluster-Knoten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>h_entry:h_id</source>
        <translation>h_entry:h_id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller contact</source>
        <translation>Contact Anrufer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contact Angerufener</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+216"/>
        <source>No dialogs yet</source>
        <translation>Noch keine Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck zeigt jeden SIP-Dialog, den es sieht, live an und lässt Sie darauf einwirken. Versorgen Sie es auf eine dieser Arten mit SIP:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No dialogs right now</source>
        <translation>Im Moment keine Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs seen so far: %1; all of them have ended. CallDeck lists every new one live as soon as SIP arrives in one of these ways:</source>
        <translation>Bisher gesehene Dialoge: %1; alle sind beendet. CallDeck zeigt jeden neuen live an, sobald SIP auf eine dieser Arten ankommt:</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <source>CallDeck listens on this port unless it was started with other --hep options or --hep off; the Sources panel shows whether the port is open.</source>
        <translation>CallDeck hört auf diesem Port, sofern es nicht mit anderen --hep-Optionen oder --hep off gestartet wurde; die Ansicht „Quellen“ zeigt, ob der Port offen ist.</translation>
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
        <source>Start CallDeck with %1 (repeatable, one per proxy), e.g. %2. The proxy needs the jsonrpcs and xhttp modules; for transfers, timeout changes, profiles and variables also include %3 in its config. Proxies appear in the Sources panel with their health.</source>
        <translation>Starten Sie CallDeck mit %1 (wiederholbar, einmal pro Proxy), z. B. %2. Der Proxy braucht die Module jsonrpcs und xhttp; für Weiterleitungen, Timeout-Änderungen, Profile und Variablen binden Sie außerdem %3 in seine Konfiguration ein. Proxys erscheinen mit ihrem Status in der Ansicht „Quellen“.</translation>
    </message>
    <message>
        <source>Watching a proxy through Kamailio&apos;s jsonrpcs module (%1, repeatable for several proxies) is not available yet: it arrives with the proxy feed (issue #5). Until then, mirror the proxy (1.) or replay a capture (2.).</source>
        <translation type="vanished">Einen Proxy über das Kamailio-Modul jsonrpcs zu beobachten (%1, wiederholbar für mehrere Proxys), ist noch nicht verfügbar: Es kommt mit dem Proxy-Feed (Issue #5). Bis dahin spiegeln Sie den Proxy (1.) oder spielen einen Mitschnitt ab (2.).</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../app/engine.cpp" line="+68"/>
        <source>That is the default listener; pick another with --hep ADDR:PORT, or switch it off with --hep off.</source>
        <translation>Das ist der Standard-Empfänger; wählen Sie mit --hep ADDR:PORT einen anderen oder schalten Sie ihn mit --hep off ab.</translation>
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
    <name>HeadlessRunner</name>
    <message>
        <location filename="../app/headlessrunner.cpp" line="+90"/>
        <source>calldeck: %1</source>
        <translation>calldeck: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: cannot watch SIGINT/SIGTERM (%1); check the open-files limit (ulimit -n) and retry.</source>
        <translation>calldeck: SIGINT/SIGTERM können nicht überwacht werden (%1); prüfen Sie die Grenze offener Dateien (ulimit -n) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>calldeck: cannot listen for HEP/SIP on %1: %2</source>
        <translation>calldeck: kann auf %1 nicht auf HEP/SIP hören: %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>calldeck: --rpc: %1</source>
        <translation>calldeck: --rpc: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: --sip %1: %2</source>
        <translation>calldeck: --sip %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: the embedded SIP user agent did not start (%1); actions on mirror-only dialogs are refused. Give it an address with --sip ADDR:PORT.</source>
        <translation>calldeck: Der eingebaute SIP-User-Agent ist nicht gestartet (%1); Aktionen auf Dialoge, die nur der Spiegel sieht, werden abgelehnt. Geben Sie ihm mit --sip ADDR:PORT eine Adresse.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --serve-rpc %1: cannot resolve &apos;%2&apos; (%3); use an IP address such as 127.0.0.1.</source>
        <translation>calldeck: --serve-rpc %1: &apos;%2&apos; lässt sich nicht auflösen (%3); verwenden Sie eine IP-Adresse wie 127.0.0.1.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>calldeck: headless engine running (%1 clock).</source>
        <translation>calldeck: Engine ohne Fenster läuft (Uhr: %1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: listening for HEP/SIP on udp %1:%2 and tcp %1:%3</source>
        <translation>calldeck: empfange HEP/SIP auf udp %1:%2 und tcp %1:%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: watching proxy %1 at %2</source>
        <translation>calldeck: beobachte Proxy %1 unter %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: SIP user agent on udp and tcp %1:%2</source>
        <translation>calldeck: SIP-User-Agent auf udp und tcp %1:%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: read-only: control actions are refused</source>
        <translation>calldeck: Nur-Lese-Modus: Steueraktionen werden abgelehnt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: serving JSON-RPC at %1%2</source>
        <translation>calldeck: JSON-RPC wird unter %1 angeboten%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (bearer token required)</source>
        <translation> (Bearer-Token erforderlich)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replaying %1%2</source>
        <translation>calldeck: spiele %1%2 ab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> at the recorded pace</source>
        <translation> im aufgezeichneten Tempo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: stop with Ctrl+C (SIGINT) or SIGTERM.</source>
        <translation>calldeck: Beenden mit Strg+C (SIGINT) oder SIGTERM.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: %1 received; stopping.</source>
        <translation>calldeck: %1 empfangen; wird beendet.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>calldeck: replay %1%, %2 packets, %3 msgs/s</source>
        <translation>calldeck: Wiedergabe %1 %, %2 Pakete, %3 Nachr./s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>calldeck: --replay %1 stopped: %2</source>
        <translation>calldeck: --replay %1 angehalten: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replay finished: 100%, %1 packets, %2 SIP/HEP messages in %3 s.</source>
        <translation>calldeck: Wiedergabe beendet: 100 %, %1 Pakete, %2 SIP/HEP-Nachrichten in %3 s.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>calldeck: the dialog core did not finish within %1 s; the export and statistics may miss the last packets.</source>
        <translation>calldeck: Der Dialogkern ist nicht innerhalb von %1 s fertig geworden; Export und Statistik könnten die letzten Pakete auslassen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: exported %1 dialogs to %2</source>
        <translation>calldeck: %1 Dialoge nach %2 exportiert</translation>
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
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535, or 0 for any free port.</source>
        <translation>calldeck: %1 &apos;%2&apos;: Port &apos;%3&apos; liegt außerhalb des Bereichs; verwenden Sie 1-65535 oder 0 für einen beliebigen freien Port.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck: %1 „%2“: Port „%3“ liegt außerhalb des Bereichs; verwenden Sie 1-65535.</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location filename="../ui/mainwindow.cpp" line="+131"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Kamailio-Konfiguration in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Open capture</source>
        <translation>Mitschnitt öffnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Captures (*.pcap *.pcapng *.cap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Mitschnitte (*.pcap *.pcapng *.cap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A capture is being replayed; wait for it to finish or cancel it.</source>
        <translation>Ein Mitschnitt wird gerade abgespielt; warten Sie, bis er fertig ist, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A feed failed; the Sources panel says why and what to do.</source>
        <translation>Ein Feed ist ausgefallen; die Ansicht „Quellen“ nennt den Grund und was zu tun ist.</translation>
    </message>
    <message>
        <location line="+27"/>
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
        <location line="+142"/>
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
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Proxies…</source>
        <translation>&amp;Proxys…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the proxies watched over JSON-RPC</source>
        <translation>Die über JSON-RPC beobachteten Proxys hinzufügen, bearbeiten oder entfernen</translation>
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
    <name>ProxySettingsDialog</name>
    <message>
        <location filename="../ui/proxysettingsdialog.cpp" line="+25"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify the proxies&apos; TLS certificates (https)</source>
        <translation>TLS-Zertifikate der Proxys prüfen (https)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON-RPC URL</source>
        <translation>JSON-RPC-URL</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name: shown in the Origin column (host:port when empty). URL: e.g. http://user:password@10.0.0.5:5071/RPC — the proxy needs jsonrpcs and xhttp.</source>
        <translation>Name: wird in der Spalte „Herkunft“ angezeigt (host:port, wenn leer). URL: z. B. http://user:password@10.0.0.5:5071/RPC — der Proxy braucht jsonrpcs und xhttp.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. trunk, inbound (profiles seen in dlg.list are polled anyway)</source>
        <translation>z. B. trunk, inbound (in dlg.list gesehene Profile werden ohnehin abgefragt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>system certificate store</source>
        <translation>Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Poll every</source>
        <translation>Abfrage alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles to poll</source>
        <translation>Abzufragende Profile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helper path</source>
        <translation>Helper-Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA file (PEM)</source>
        <translation>CA-Datei (PEM)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proxies watched over Kamailio&apos;s JSON-RPC (jsonrpcs over xhttp). Changes apply at once: the feeds restart.</source>
        <translation>Über das JSON-RPC von Kamailio beobachtete Proxys (jsonrpcs über xhttp). Änderungen gelten sofort: Die Feeds starten neu.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Also watched in this run (--rpc, not stored): %1</source>
        <translation>In diesem Lauf zusätzlich beobachtet (--rpc, nicht gespeichert): %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Proxy %1: %2</source>
        <translation>Proxy %1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The CA file %1 cannot be read; give the path of a PEM file or leave it empty for the system store.</source>
        <translation>Die CA-Datei %1 ist nicht lesbar; geben Sie den Pfad einer PEM-Datei an oder lassen Sie das Feld leer, um den Zertifikatsspeicher des Systems zu nutzen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The helper path must be a URL path such as /calldeck.</source>
        <translation>Der Helper-Pfad muss ein URL-Pfad wie /calldeck sein.</translation>
    </message>
</context>
<context>
    <name>ProxyStatusText</name>
    <message>
        <location filename="../ui/proxystatustext.cpp" line="+13"/>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up · %1 ms</source>
        <translation>Erreichbar · %1 ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>Erreichbar</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Degraded: %n failed poll(s)</source>
        <translation>
            <numerusform>Beeinträchtigt: %n fehlgeschlagene Abfrage</numerusform>
            <numerusform>Beeinträchtigt: %n fehlgeschlagene Abfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degraded: partial answers</source>
        <translation>Beeinträchtigt: unvollständige Antworten</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Down, retry in %n s</source>
        <translation>
            <numerusform>Nicht erreichbar, neuer Versuch in %n s</numerusform>
            <numerusform>Nicht erreichbar, neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n Dialog</numerusform>
            <numerusform>%n Dialoge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up for %1</source>
        <translation>Läuft seit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last dlg.list: %1 ms, %2; polled every %3 s</source>
        <translation>Letztes dlg.list: %1 ms, %2; Abfrage alle %3 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Polls: %1, failed: %2</source>
        <translation>Abfragen: %1, fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog entr(y/ies) skipped in the last listing</source>
        <translation>
            <numerusform>%n fehlerhafter Dialogeintrag in der letzten Liste übersprungen</numerusform>
            <numerusform>%n fehlerhafte Dialogeinträge in der letzten Liste übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CallDeck helper: present (REFER, timeouts, profiles, variables)</source>
        <translation>CallDeck-Helper: vorhanden (REFER, Timeouts, Profile, Variablen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck helper: absent — include calldeck-helpers.cfg in the proxy&apos;s config for REFER, timeouts, profiles and variables</source>
        <translation>CallDeck-Helper: fehlt — für REFER, Timeouts, Profile und Variablen calldeck-helpers.cfg in die Konfiguration des Proxys einbinden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actions: %1</source>
        <translation>Aktionen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <location filename="../ui/replaycontroller.cpp" line="+72"/>
        <source>Replaying %1 at the recorded pace.</source>
        <translation>%1 wird im aufgezeichneten Tempo abgespielt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying %1.</source>
        <translation>%1 wird abgespielt.</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+90"/>
        <source>Open capture</source>
        <translation>Mitschnitt öffnen</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Replaying %1…
%2 SIP/HEP messages read so far.</source>
        <translation>%1 wird abgespielt…
Bisher %2 SIP/HEP-Nachrichten gelesen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Damaged or incomplete packets skipped: %1.</source>
        <translation>Übersprungene beschädigte oder unvollständige Pakete: %1.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Replayed %1: %2 packets, %3 SIP/HEP messages in %4 s.</source>
        <translation>%1 abgespielt: %2 Pakete, %3 SIP/HEP-Nachrichten in %4 s.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Replay of %1 cancelled after %2 packets; the dialogs read so far stay.</source>
        <translation>Wiedergabe von %1 nach %2 Paketen abgebrochen; die bisher gelesenen Dialoge bleiben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replay of %1 failed: %2</source>
        <translation>Wiedergabe von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck could not replay %1.</source>
        <translation>CallDeck konnte %1 nicht abspielen.</translation>
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
    <name>SnapshotExport</name>
    <message>
        <location filename="../app/snapshotexport.cpp" line="+18"/>
        <source>calldeck: --export %1: the dialog core did not answer within %2 s; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck: --export %1: Der Dialogkern hat nicht innerhalb von %2 s geantwortet; es wurde nichts geschrieben. Versuchen Sie es erneut oder exportieren Sie zu einem weniger ausgelasteten Zeitpunkt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: cannot write there (%2); check that the directory %3 exists and is writable.</source>
        <translation>calldeck: --export %1: dort kann nicht geschrieben werden (%2); prüfen Sie, ob das Verzeichnis %3 existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: writing failed (%2); check the free space of %3.</source>
        <translation>calldeck: --export %1: Schreiben fehlgeschlagen (%2); prüfen Sie den freien Platz in %3.</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+160"/>
        <source>no reason given; see the event log</source>
        <translation>kein Grund angegeben; siehe Ereignisprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>%1 ausgefallen: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Open a capture with File → Open capture…, or start CallDeck without --hep off to listen on 127.0.0.1:9060.</source>
        <translation>Kein Feed eingerichtet: Der eingebaute Empfänger ist abgeschaltet (--hep off). Öffnen Sie einen Mitschnitt mit Datei → Mitschnitt öffnen… oder starten Sie CallDeck ohne --hep off, um auf 127.0.0.1:9060 zu hören.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Starting the feeds…</source>
        <translation>Feeds werden gestartet…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hover over a feed to see its senders and error counters.</source>
        <translation>Zeigen Sie auf einen Feed, um seine Absender und Fehlerzähler zu sehen.</translation>
    </message>
</context>
<context>
    <name>SourcesTableModel</name>
    <message>
        <location filename="../ui/sourcestablemodel.cpp" line="+175"/>
        <source>Packets lost before the core: the queue was full (the core could not keep up) or the kernel&apos;s receive buffer overflowed.</source>
        <translation>Vor dem Kern verlorene Pakete: Die Warteschlange war voll (der Kern kam nicht hinterher) oder der Empfangspuffer des Kernels lief über.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets/s</source>
        <translation>Pakete/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drops</source>
        <translation>Verluste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auth failures</source>
        <translation>Auth-Fehler</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>HEP/SIP UDP</source>
        <translation>HEP/SIP UDP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HEP/SIP TCP</source>
        <translation>HEP/SIP TCP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capture replay</source>
        <translation>Mitschnitt-Wiedergabe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JSON-RPC</source>
        <translation>JSON-RPC</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running (%1 %)</source>
        <extracomment>A capture replay that is still reading its file: %1 is the share read so far</extracomment>
        <translation>Aktiv (%1 %)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Failed: %1</source>
        <translation>Ausgefallen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Received: %1 packets, %2</source>
        <translation>Empfangen: %1 Pakete, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped: %1 by the queue (the core could not keep up), %2 by the kernel (receive buffer full)</source>
        <translation>Verworfen: %1 von der Warteschlange (der Kern kam nicht hinterher), %2 vom Kernel (Empfangspuffer voll)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Malformed: %1 · auth failures: %2 · not SIP: %3</source>
        <translation>Fehlerhaft: %1 · Auth-Fehler: %2 · kein SIP: %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sender seen yet.</source>
        <translation>Noch kein Absender gesehen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Senders (%1):</source>
        <translation>Absender (%1):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 packets, %3/s, last seen %4</source>
        <translation>%1: %2 Pakete, %3/s, zuletzt gesehen %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 malformed</source>
        <translation>, %1 fehlerhaft</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 auth failures</source>
        <translation>, %1 Auth-Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 not SIP</source>
        <translation>, %1 kein SIP</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+94"/>
        <source>Dialogs: %1 active · %2 early · %3 total · %4 processed</source>
        <translation>Dialoge: %1 aktiv · %2 früh · %3 gesamt · %4 verarbeitet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table, ended ones until they leave it. Processed: every dialog created since CallDeck started (the dialog module&apos;s processed_dialogs).</source>
        <translation>Aktiv: bestätigte Dialoge (Zustände 3 und 4). Früh: Dialoge mit vorläufiger Antwort (Zustand 2). Gesamt: alle Dialoge der Tabelle, beendete, bis sie sie verlassen. Verarbeitet: alle seit dem Start von CallDeck angelegten Dialoge (processed_dialogs des dialog-Moduls).</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>%n configured feed(s), none taking SIP now. See View → Sources.</source>
        <translation>
            <numerusform>%n eingerichteter Feed, keiner nimmt gerade SIP an. Siehe Ansicht → Quellen.</numerusform>
            <numerusform>%n eingerichtete Feeds, keiner nimmt gerade SIP an. Siehe Ansicht → Quellen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feeds: %1 running</source>
        <translation>Feeds: %1 aktiv</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 failed</source>
        <translation>Feeds: %1 ausgefallen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 running, %2 failed</source>
        <translation>Feeds: %1 aktiv, %2 ausgefallen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See View → Sources for why a feed failed and what to do.</source>
        <translation>Warum ein Feed ausgefallen ist und was zu tun ist, zeigt Ansicht → Quellen.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Den Zustand jedes Feeds zeigt Ansicht → Quellen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+59"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck: Für %1 gibt es noch keine Übersetzung von CallDeck; es wird Englisch verwendet. Verfügbar: %2.</translation>
    </message>
</context>
</TS>
