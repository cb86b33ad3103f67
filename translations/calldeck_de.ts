<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionConfirmDialog</name>
    <message>
        <location filename="../ui/actionconfirmdialog.cpp" line="+51"/>
        <source>Bridge (click-to-dial)</source>
        <translation>Verbinden (Click-to-Dial)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: confirm</source>
        <translation>%1: bestätigen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> per second</source>
        <translation> pro Sekunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs are acted on one after the other at most this fast, so a proxy is never flooded; the run can be cancelled.</source>
        <translation>Die Dialoge werden nacheinander höchstens in diesem Tempo bearbeitet, damit kein Proxy überflutet wird; der Lauf kann abgebrochen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send at most</source>
        <translation>Höchstens senden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From → To</source>
        <translation>From → To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Will go via</source>
        <translation>Ausführung über</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate caller side</source>
        <translation>Anruferseite beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate callee side</source>
        <translation>Angerufenenseite beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change timeout</source>
        <translation>Timeout ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set profile</source>
        <translation>Profil setzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unset profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set variable</source>
        <translation>Variable setzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bridge</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Both parties</source>
        <translation>Beide Teilnehmer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller (From)</source>
        <translation>Anrufer (From)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee (To)</source>
        <translation>Angerufener (To)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send the REFER to</source>
        <translation>REFER senden an</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send a BYE to</source>
        <translation>BYE senden an</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. sip:1001@example.com</source>
        <translation>z. B. sip:1001@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The party chosen above is asked (REFER) to call this URI.</source>
        <translation>Der oben gewählte Teilnehmer wird (per REFER) aufgefordert, diese URI anzurufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer to</source>
        <translation>Weiterleiten an</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialog&apos;s lifetime from now; when it runs out the call is ended with a BYE to both parties.</source>
        <translation>Die Lebensdauer des Dialogs ab jetzt; läuft sie ab, wird der Anruf mit einem BYE an beide Teilnehmer beendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New timeout</source>
        <translation>Neuer Timeout</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>empty for a profile without values</source>
        <translation>leer bei einem Profil ohne Werte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. sip:alice@example.com</source>
        <translation>z. B. sip:alice@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sip:bob@example.com</source>
        <translation>z. B. sip:bob@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Called first; when it answers it is asked (REFER) to call the second party.</source>
        <translation>Wird zuerst angerufen; nimmt er an, wird er (per REFER) aufgefordert, den zweiten Teilnehmer anzurufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call first</source>
        <translation>Zuerst anrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then connect to</source>
        <translation>Dann verbinden mit</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+12"/>
        <source>no dialog control</source>
        <translation>keine Dialogsteuerung</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>… and %n more dialog(s) not listed here.</source>
        <translation>
            <numerusform>… und %n weiterer, hier nicht aufgeführter Dialog.</numerusform>
            <numerusform>… und %n weitere, hier nicht aufgeführte Dialoge.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>End this call with a BYE to both parties.</source>
        <translation>Diesen Anruf mit einem BYE an beide Teilnehmer beenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End these %1 calls with a BYE to both parties.</source>
        <translation>Diese %1 Anrufe mit einem BYE an beide Teilnehmer beenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send a BYE to the caller of this call.</source>
        <translation>Ein BYE an den Anrufer dieses Anrufs senden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of these %1 calls.</source>
        <translation>Ein BYE an die Anrufer dieser %1 Anrufe senden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a BYE to the callee of this call.</source>
        <translation>Ein BYE an den Angerufenen dieses Anrufs senden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of these %1 calls.</source>
        <translation>Ein BYE an die Angerufenen dieser %1 Anrufe senden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer this call with a REFER.</source>
        <translation>Diesen Anruf mit einem REFER weiterleiten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer these %1 calls with a REFER.</source>
        <translation>Diese %1 Anrufe mit einem REFER weiterleiten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the timeout of this dialog.</source>
        <translation>Den Timeout dieses Dialogs ändern.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the timeout of these %1 dialogs.</source>
        <translation>Den Timeout dieser %1 Dialoge ändern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this dialog to a profile.</source>
        <translation>Diesen Dialog zu einem Profil hinzufügen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add these %1 dialogs to a profile.</source>
        <translation>Diese %1 Dialoge zu einem Profil hinzufügen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this dialog from a profile.</source>
        <translation>Diesen Dialog aus einem Profil entfernen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove these %1 dialogs from a profile.</source>
        <translation>Diese %1 Dialoge aus einem Profil entfernen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a variable on this dialog.</source>
        <translation>Eine Variable für diesen Dialog setzen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set a variable on these %1 dialogs.</source>
        <translation>Eine Variable für diese %1 Dialoge setzen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect two parties (click-to-dial).</source>
        <translation>Zwei Teilnehmer verbinden (Click-to-Dial).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect two parties (click-to-dial) via %1.</source>
        <translation>Zwei Teilnehmer über %1 verbinden (Click-to-Dial).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot bridge: %1</source>
        <translation>Verbinden nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter both parties as SIP URIs (sip:user@host), then confirm.</source>
        <translation>Geben Sie beide Teilnehmer als SIP-URIs (sip:user@host) ein und bestätigen Sie dann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of these dialogs can be acted on: %1</source>
        <translation>Keiner dieser Dialoge lässt sich bearbeiten: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the URI to transfer to (sip:, sips: or tel:), then confirm.</source>
        <translation>Geben Sie die Ziel-URI der Weiterleitung ein (sip:, sips: oder tel:) und bestätigen Sie dann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the variable&apos;s name, then confirm.</source>
        <translation>Geben Sie den Namen der Variablen ein und bestätigen Sie dann.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the profile&apos;s name as the proxy&apos;s dialog module knows it, then confirm.</source>
        <translation>Geben Sie den Namen des Profils so ein, wie ihn das dialog-Modul des Proxys kennt, und bestätigen Sie dann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name cannot contain spaces.</source>
        <translation>Ein Name darf keine Leerzeichen enthalten.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n dialog(s) will be skipped; the list says why.</source>
        <translation>
            <numerusform>%n Dialog wird übersprungen; die Liste nennt den Grund.</numerusform>
            <numerusform>%n Dialoge werden übersprungen; die Liste nennt den Grund.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+10"/>
        <source>%1 (%n)</source>
        <translation>
            <numerusform>%1 (%n)</numerusform>
            <numerusform>%1 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmListModel</name>
    <message>
        <location filename="../ui/alarmlistmodel.cpp" line="+30"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Major</source>
        <translation>Schwer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minor</source>
        <translation>Leicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelved until %1</source>
        <translation>Zurückgestellt bis %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cleared %1</source>
        <translation>Aufgehoben um %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>At the raise: %1
At the clear: %2</source>
        <translation>Beim Auslösen: %1
Beim Aufheben: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the raise: %1
Now: %2</source>
        <translation>Beim Auslösen: %1
Jetzt: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>AlarmRulesDialog</name>
    <message>
        <location filename="../ui/alarmrulesdialog.cpp" line="+20"/>
        <source>Alarm rules</source>
        <translation>Alarmregeln</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One rule a line, as key=value words (quote values with spaces); lines starting with # are notes.
kind=profile target=PROFILE[=VALUE] threshold=N or N% (of its limit in Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Every rule: name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (hold times) [hysteresis=N] [enabled=no].
Example: name=&quot;trunk nearly full&quot; kind=profile target=trunk threshold=80% severity=major clear=10</source>
        <translation>Eine Regel pro Zeile, als Wörter der Form key=value (Werte mit Leerzeichen in Anführungszeichen); Zeilen, die mit # beginnen, sind Notizen.
kind=profile target=PROFILE[=VALUE] threshold=N oder N% (seines Grenzwerts in Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Jede Regel: name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (Haltezeiten) [hysteresis=N] [enabled=no].
Beispiel: name=&quot;Trunk fast voll&quot; kind=profile target=trunk threshold=80% severity=major clear=10</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Fix these lines, then press OK:
%1</source>
        <translation>Korrigieren Sie diese Zeilen und klicken Sie dann auf OK:
%1</translation>
    </message>
</context>
<context>
    <name>AlarmsPanel</name>
    <message>
        <source>No alarm rules yet: add them in Settings → Alarm rules….</source>
        <translation type="vanished">Noch keine Alarmregeln: Fügen Sie sie unter Einstellungen → Alarmregeln… hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/alarmspanel.cpp" line="+130"/>
        <source>No alarm rules yet: add them in Settings → Alarm rules…</source>
        <translation>Noch keine Alarmregeln: Fügen Sie sie unter Einstellungen → Alarmregeln… hinzu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No alarm raised so far.</source>
        <translation>Bisher wurde kein Alarm ausgelöst.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected alarms as seen; they stay listed until they clear</source>
        <translation>Die ausgewählten Alarme als gesehen markieren; sie bleiben aufgelistet, bis sie aufgehoben sind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Shelve</source>
        <translation>&amp;Zurückstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silence the selected alarms&apos; rules for a while: their alarms stay listed but ask for no attention and notify nobody until then</source>
        <translation>Die Regeln der ausgewählten Alarme eine Zeit lang stummschalten: Ihre Alarme bleiben aufgelistet, verlangen bis dahin aber keine Aufmerksamkeit und benachrichtigen niemanden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For 15 minutes</source>
        <translation>Für 15 Minuten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 4 hours</source>
        <translation>Für 4 Stunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 24 hours</source>
        <translation>Für 24 Stunden</translation>
    </message>
</context>
<context>
    <name>AlarmsUi</name>
    <message>
        <location filename="../ui/alarmsui.cpp" line="+61"/>
        <source>%1 alarm: %2</source>
        <translation>Alarm (%1): %2</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n Alarm</numerusform>
            <numerusform>%n Alarme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raised alarms nobody acknowledged; click to show the Alarms list</source>
        <translation>Ausgelöste Alarme, die niemand quittiert hat; klicken Sie, um die Liste „Alarme“ anzuzeigen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alarm rules…</source>
        <translation>&amp;Alarmregeln…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the rules that raise alarms</source>
        <translation>Die Regeln hinzufügen, bearbeiten oder entfernen, die Alarme auslösen</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+44"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 gestartet (Qt %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Nur-Lese-Modus (--read-only): Steueraktionen werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Nur-Lese-Modus (in den Einstellungen gesetzt): Steueraktionen werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 (settings file: %2). Until then dialogs are tracked without profile rules; restart CallDeck after the fix.</source>
        <translation>%1 (Einstellungsdatei: %2). Bis dahin werden Dialoge ohne Profilregeln verfolgt; starten Sie CallDeck nach der Korrektur neu.</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Listening for HEP and raw SIP on udp %1:%2 and tcp %1:%3.</source>
        <translation>Empfange HEP und Roh-SIP auf udp %1:%2 und tcp %1:%3.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Cannot listen for HEP/SIP on %1: %2</source>
        <translation>Kann auf %1 nicht auf HEP/SIP hören: %2</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>%1 Dialogs are not stored until CallDeck is restarted with a working store.</source>
        <translation>%1 Dialoge werden nicht gespeichert, bis CallDeck mit einem funktionierenden Speicher neu gestartet wird.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Change it in Settings → Mirror listeners.</source>
        <translation>Ändern Sie das unter Einstellungen → Spiegel-Empfänger.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A proxy was skipped: %1. Fix its URL in Settings or on the command line.</source>
        <translation>Ein Proxy wurde übersprungen: %1. Korrigieren Sie seine URL in den Einstellungen oder auf der Kommandozeile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watching proxy %1 over JSON-RPC at %2.</source>
        <translation>Proxy %1 wird über JSON-RPC unter %2 beobachtet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CallDeck did not join the DMQ bus: %1. Start it with a free --dmq port.</source>
        <translation>CallDeck ist dem DMQ-Bus nicht beigetreten: %1. Starten Sie es mit einem freien --dmq-Port.</translation>
    </message>
    <message>
        <location line="+8"/>
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
    <message>
        <location line="+51"/>
        <source>Mirror listeners saved. This run keeps the listeners of the command line (--hep); the saved ones apply when CallDeck starts without --hep.</source>
        <translation>Spiegel-Empfänger gespeichert. Dieser Lauf behält die Empfänger der Befehlszeile (--hep); die gespeicherten gelten, wenn CallDeck ohne --hep startet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopped listening on %1: removed in the settings.</source>
        <translation>Empfang auf %1 beendet: in den Einstellungen entfernt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The other listeners keep running; pick another address in Settings → Mirror listeners.</source>
        <translation>Die anderen Empfänger laufen weiter; wählen Sie eine andere Adresse unter Einstellungen → Spiegel-Empfänger.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Mirror listener settings changed: %n listener(s) running.</source>
        <translation>
            <numerusform>Spiegel-Empfänger geändert: %n Empfänger läuft.</numerusform>
            <numerusform>Spiegel-Empfänger geändert: %n Empfänger laufen.</numerusform>
        </translation>
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
        <location line="-157"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Eingebauter HEP/Roh-SIP-Empfänger abgeschaltet (--hep off).</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../ui/auditlogdialog.cpp" line="+35"/>
        <source>Audit log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter: user, action, Call-ID, path, result, message…</source>
        <translation>Filter: Benutzer, Aktion, Call-ID, Weg, Ergebnis, Meldung…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;JSON lines…</source>
        <translation>Als &amp;JSON Lines exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Every control action attempt, from %1 (and the older %2).</source>
        <translation type="vanished">Jeder Versuch einer Steueraktion, aus %1 (und der älteren Datei %2).</translation>
    </message>
    <message>
        <source>The audit log could not be read completely (%1); check the file&apos;s permissions.</source>
        <translation type="vanished">Das Audit-Protokoll konnte nicht vollständig gelesen werden (%1); prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the file are not audit entries and are not shown.</source>
        <translation type="vanished">
            <numerusform>%n Zeile der Datei ist kein Audit-Eintrag und wird nicht angezeigt.</numerusform>
            <numerusform>%n Zeilen der Datei sind keine Audit-Einträge und werden nicht angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every control action attempt, from the table calldeck_audit of the store %1.</source>
        <translation>Jeder Versuch einer Steueraktion, aus der Tabelle calldeck_audit des Speichers %1.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The audit log could not be read completely (%1); check the store&apos;s permissions, or that its database server runs.</source>
        <translation>Das Audit-Protokoll konnte nicht vollständig gelesen werden (%1); prüfen Sie die Zugriffsrechte des Speichers oder ob sein Datenbankserver läuft.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n row(s) of the table are not audit entries and are not shown.</source>
        <translation>
            <numerusform>%n Zeile der Tabelle ist kein Audit-Eintrag und wird nicht angezeigt.</numerusform>
            <numerusform>%n Zeilen der Tabelle sind keine Audit-Einträge und werden nicht angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 entries</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 entries</source>
        <translation>%1 von %2 Einträgen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot write %1: %2. Choose another folder or file name.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+11"/>
        <source>Export audit log</source>
        <translation>Audit-Protokoll exportieren</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>CSV (*.csv)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../ui/auditlogmodel.cpp" line="+82"/>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed (%1)</source>
        <translation>fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Call-ID %1
From tag %2
To tag %3
key %4</source>
        <translation>Call-ID %1
From-Tag %2
To-Tag %3
Schlüssel %4</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested by</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Weg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>BulkActionDialog</name>
    <message>
        <location filename="../ui/bulkactiondialog.cpp" line="+37"/>
        <source>%1 on %2 dialogs</source>
        <translation>%1 für %2 Dialoge</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From → To</source>
        <translation>From → To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path used</source>
        <translation>Verwendeter Weg</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start no further dialog; those already sent still report their result</source>
        <translation>Keinen weiteren Dialog beginnen; bereits gesendete melden ihr Ergebnis weiterhin</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent…</source>
        <translation>gesendet…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed (%1)</source>
        <translation>fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cancelled: %1 of %2 sent, %3 not sent. </source>
        <translation>Abgebrochen: %1 von %2 gesendet, %3 nicht gesendet. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running: %1 of %2 sent at %3 per second. </source>
        <translation>Läuft: %1 von %2 gesendet mit %3 pro Sekunde. </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done. </source>
        <translation>Fertig. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ok, %2 failed.</source>
        <translation>%1 OK, %2 fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>CallFlowView</name>
    <message>
        <location filename="../ui/callflowview.cpp" line="+246"/>
        <source>No messages to draw</source>
        <translation>Keine Nachrichten darzustellen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>%1
%2 → %3
at %4</source>
        <extracomment>Tooltip of an arrow: %1 message, %2 sender, %3 receiver, %4 time</extracomment>
        <translation>%1
%2 → %3
um %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A retransmission: the same message was seen before on this hop.</source>
        <translation>Eine Sendewiederholung: Dieselbe Nachricht wurde auf diesem Hop bereits gesehen.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../ui/charts/chartexport.cpp" line="+49"/>
        <source>Chart exported by CallDeck</source>
        <translation>Von CallDeck exportiertes Diagramm</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: a chart is saved as PNG or SVG. Choose a file name that ends in .png or .svg.</source>
        <translation>%1: Ein Diagramm wird als PNG oder SVG gespeichert. Wählen Sie einen Dateinamen, der auf .png oder .svg endet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A chart of %1×%2 pixels cannot be drawn: choose a size from 200×120 to 10000×10000.</source>
        <translation>Ein Diagramm mit %1×%2 Pixeln kann nicht gezeichnet werden: Wählen Sie eine Größe von 200×120 bis 10000×10000.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chart could not be drawn as %1 (out of memory?). Try a smaller size or the other format.</source>
        <translation>Das Diagramm konnte nicht als %1 gezeichnet werden (Speicher erschöpft?). Versuchen Sie eine kleinere Größe oder das andere Format.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2. Choose a folder you can write to.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>ChartExportButton</name>
    <message>
        <location filename="../ui/chartexportbutton.cpp" line="+35"/>
        <location line="+81"/>
        <source>Export chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+29"/>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>PNG image (*.png)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Grafik (*.svg)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Save a chart as a PNG image or an SVG drawing (also in each chart&apos;s context menu)</source>
        <translation>Ein Diagramm als PNG-Bild oder SVG-Grafik speichern (auch im Kontextmenü jedes Diagramms)</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation type="vanished">Diagramme</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <location filename="../ui/chartspage.cpp" line="+164"/>
        <location line="+125"/>
        <source>All profiles (totals)</source>
        <translation>Alle Profile (Summen)</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>%1 by value</source>
        <translation>%1 nach Wert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Charts/Limits in the settings file: these lines are not &quot;SERIES NUMBER&quot; (e.g. &quot;trunk=gw1 30&quot;) and are ignored: %1</source>
        <translation>Charts/Limits in der Einstellungsdatei: Diese Zeilen haben nicht die Form „SERIES NUMBER“ (z. B. „trunk=gw1 30“) und werden ignoriert: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No samples yet: the charts start one second after CallDeck does.</source>
        <translation>Noch keine Messwerte: Die Diagramme beginnen eine Sekunde nach dem Start von CallDeck.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>1 unconfirmed</source>
        <translation>1 unbestätigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 early</source>
        <translation>2 früh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3 confirmed, no ACK</source>
        <translation>3 bestätigt, ohne ACK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 confirmed</source>
        <translation>4 bestätigt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>new calls/s</source>
        <translation>neue Anrufe/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ended calls/s</source>
        <translation>beendete Anrufe/s</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze the charts to look at them; sampling goes on</source>
        <translation>Die Diagramme zum Betrachten einfrieren; die Messung läuft weiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concurrent dialogs per profile</source>
        <translation>Gleichzeitige Dialoge pro Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls per second (mirror)</source>
        <translation>Anrufe pro Sekunde (Spiegel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs by state (mirror)</source>
        <translation>Dialoge nach Zustand (Spiegel)</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../ui/columnchooser.cpp" line="+144"/>
        <source>Add header column…</source>
        <translation>Header-Spalte hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a SIP header of the mirror&apos;s INVITEs (P-Asserted-Identity, Diversion, X-…)</source>
        <translation>Einen SIP-Header der INVITEs des Spiegels anzeigen (P-Asserted-Identity, Diversion, X-…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove header column</source>
        <translation>Header-Spalte entfernen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reset columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show every column in its first place, sized to the rows</source>
        <translation>Alle Spalten an ihrer ursprünglichen Position anzeigen, in der Breite an die Zeilen angepasst</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the name of a SIP header, e.g. P-Asserted-Identity.</source>
        <translation>Geben Sie den Namen eines SIP-Headers ein, z. B. P-Asserted-Identity.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a SIP header name: use letters, digits and - . ! % * _ + ` &apos; ~ only (at most 64), e.g. X-Account.</source>
        <translation>„%1“ ist kein SIP-Header-Name: Verwenden Sie nur Buchstaben, Ziffern und - . ! % * _ + ` &apos; ~ (höchstens 64), z. B. X-Account.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a column already; pick another header.</source>
        <translation>%1 ist bereits eine Spalte; wählen Sie einen anderen Header.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 header columns: remove one first.</source>
        <translation>Höchstens %1 Header-Spalten: Entfernen Sie zuerst eine.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+9"/>
        <source>Add header column</source>
        <translation>Header-Spalte hinzufügen</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>SIP header of the initial INVITE to show (mirror dialogs that start from now on):</source>
        <translation>Anzuzeigender SIP-Header des initialen INVITE (Dialoge des Spiegels, die ab jetzt beginnen):</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+38"/>
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
        <location line="+5"/>
        <source>Add a proxy read from its dialog database (Kamailio&apos;s dialog table, read-only, no actions), e.g. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 or postgresql://user:pw@host/kamailio; repeatable.</source>
        <translation>Einen Proxy hinzufügen, der aus seiner Dialogdatenbank gelesen wird (Kamailios Tabelle dialog, nur lesend, keine Aktionen), z. B. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 oder postgresql://user:pw@host/kamailio; wiederholbar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Join a Kamailio DMQ bus as a passive node at this UDP address and receive the cluster&apos;s dialogs as they change (needs --dmq-notify).</source>
        <translation>Einem Kamailio-DMQ-Bus als passiver Knoten unter dieser UDP-Adresse beitreten und die Dialoge des Clusters bei jeder Änderung empfangen (erfordert --dmq-notify).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --dmq: the DMQ address of a Kamailio node to register with (its dmq server_address); repeatable.</source>
        <translation>Mit --dmq: die DMQ-Adresse eines Kamailio-Knotens, bei dem sich CallDeck anmeldet (dessen dmq server_address); wiederholbar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: ping every node this often to see it is up (default 10).</source>
        <translation>Mit --dmq: jeden Knoten in diesem Abstand anpingen, um zu prüfen, ob er erreichbar ist (Vorgabe 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: KDMQ requests per second one node may send; more are refused (default 20000).</source>
        <translation>Mit --dmq: KDMQ-Anfragen pro Sekunde, die ein Knoten senden darf; weitere werden abgelehnt (Vorgabe 20000).</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation type="vanished">Beim Beenden einen Schnappschuss schreiben: .json (Form von dlg.list), .csv oder .pcap.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write on exit: .json (dlg.list shape), .csv, .pcap (every dialog&apos;s messages), an incident pack .tar/.tar.gz or a snapshot .cdsnap (File → Open snapshot).</source>
        <translation>Beim Beenden schreiben: .json (Form von dlg.list), .csv, .pcap (die Nachrichten aller Dialoge), ein Incident-Paket .tar/.tar.gz oder einen Schnappschuss .cdsnap (Datei → Schnappschuss öffnen).</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+5"/>
        <source>A snapshot file to open (File → Open snapshot…).</source>
        <translation>Eine zu öffnende Schnappschussdatei (Datei → Schnappschuss öffnen…).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: %1 „calldeck --help“ listet die Optionen auf.</translation>
    </message>
    <message>
        <location line="+48"/>
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
        <location line="+8"/>
        <source>calldeck: --proxy-db: %1</source>
        <translation>calldeck: --proxy-db: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: %1</source>
        <translation>calldeck: %1</translation>
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
        <location line="+17"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck: --db „%1“ ist keine Speicher-URL; schreiben Sie sqlite:///pfad/zu/calldeck.db oder postgresql://user:pw@host:5432/dbname</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck: --db-mode „%1“ liegt außerhalb des Bereichs; verwenden Sie 0 (keiner), 1 (Echtzeit), 2 (verzögert) oder 3 (beim Beenden).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in %2.</source>
        <translation>calldeck: --export „%1“: unbekanntes Format; der Dateiname muss auf %2 enden.</translation>
    </message>
    <message>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation type="vanished">calldeck: --export „%1“: unbekanntes Format; der Dateiname muss auf .json, .csv oder .pcap enden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck: --lang „%1“ ist kein Sprachcode; schreiben Sie z. B. --lang de, --lang fr oder --lang es_MX.</translation>
    </message>
    <message>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it.</source>
        <translation type="vanished">calldeck: %1 ist noch nicht verfügbar (kommt mit %2); starten Sie ohne diese Option.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 works only with --headless so far (the console window does not write it on exit yet); add --headless or run without it.</source>
        <translation>calldeck: %1 funktioniert bisher nur mit --headless (das Konsolenfenster schreibt es beim Beenden noch nicht); fügen Sie --headless hinzu oder starten Sie ohne diese Option.</translation>
    </message>
    <message>
        <source>calldeck: --export to .%1 is not available yet (it arrives with issue #8); export to a .json file for now.</source>
        <translation type="vanished">calldeck: --export nach .%1 ist noch nicht verfügbar (kommt mit Issue #8); exportieren Sie vorerst in eine .json-Datei.</translation>
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
        <source>the dialog store</source>
        <translation type="vanished">dem Dialogspeicher</translation>
    </message>
</context>
<context>
    <name>DialogActions</name>
    <message>
        <location filename="../ui/dialogactions.cpp" line="+165"/>
        <source>&amp;Terminate…</source>
        <translation>&amp;Beenden…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate &amp;caller side…</source>
        <translation>&amp;Anruferseite beenden…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate ca&amp;llee side…</source>
        <translation>A&amp;ngerufenenseite beenden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ransfer…</source>
        <translation>&amp;Weiterleiten…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change time&amp;out…</source>
        <translation>&amp;Timeout ändern…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;profile…</source>
        <translation>&amp;Profil setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unset profile…</source>
        <translation>Profil &amp;entfernen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;variable…</source>
        <translation>&amp;Variable setzen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Bridge (click-to-dial)…</source>
        <translation>Verbin&amp;den (Click-to-Dial)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate all matching…</source>
        <translation>Alle passenden beenden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate caller side of all matching…</source>
        <translation>Anruferseite aller passenden beenden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate callee side of all matching…</source>
        <translation>Angerufenenseite aller passenden beenden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer all matching…</source>
        <translation>Alle passenden weiterleiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change timeout of all matching…</source>
        <translation>Timeout aller passenden ändern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set profile on all matching…</source>
        <translation>Profil bei allen passenden setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unset profile on all matching…</source>
        <translation>Profil bei allen passenden entfernen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set variable on all matching…</source>
        <translation>Variable bei allen passenden setzen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End the selected calls: a BYE to both parties</source>
        <translation>Die ausgewählten Anrufe beenden: ein BYE an beide Teilnehmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of the selected calls</source>
        <translation>Ein BYE an den Anrufer der ausgewählten Anrufe senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of the selected calls</source>
        <translation>Ein BYE an den Angerufenen der ausgewählten Anrufe senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer the selected calls with a REFER to one party</source>
        <translation>Die ausgewählten Anrufe mit einem REFER an einen Teilnehmer weiterleiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected dialogs a new lifetime</source>
        <translation>Den ausgewählten Dialogen eine neue Lebensdauer geben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected dialogs to a profile</source>
        <translation>Die ausgewählten Dialoge zu einem Profil hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected dialogs from a profile</source>
        <translation>Die ausgewählten Dialoge aus einem Profil entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a dialog variable on the selected dialogs</source>
        <translation>Eine Dialogvariable für die ausgewählten Dialoge setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call one party and connect it to another (dlg.bridge_dlg)</source>
        <translation>Einen Teilnehmer anrufen und mit einem anderen verbinden (dlg.bridge_dlg)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Dialog</source>
        <translation>Dia&amp;log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All dialogs matching the filter</source>
        <translation>Alle zum &amp;Filter passenden Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Read-only mode</source>
        <translation>&amp;Nur-Lese-Modus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started with --read-only: restart CallDeck without it to allow actions</source>
        <translation>Mit --read-only gestartet: Starten Sie CallDeck ohne diese Option neu, um Aktionen zu erlauben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse every control action (kept across restarts)</source>
        <translation>Jede Steueraktion ablehnen (bleibt über Neustarts hinweg erhalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit log…</source>
        <translation>&amp;Audit-Protokoll…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every control action attempt: who, when, which dialogs, which way, the result</source>
        <translation>Jeder Versuch einer Steueraktion: wer, wann, welche Dialoge, über welchen Weg, mit welchem Ergebnis</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Read-only mode (--read-only): every control action is refused. Restart CallDeck without --read-only to act on dialogs.</source>
        <translation>Nur-Lese-Modus (--read-only): Jede Steueraktion wird abgelehnt. Starten Sie CallDeck ohne --read-only neu, um auf Dialoge einzuwirken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only mode: every control action is refused. Turn it off in Settings → Read-only mode to act on dialogs.</source>
        <translation>Nur-Lese-Modus: Jede Steueraktion wird abgelehnt. Schalten Sie ihn unter Einstellungen → Nur-Lese-Modus ab, um auf Dialoge einzuwirken.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This window has no dialog control: actions are not available.</source>
        <translation>Dieses Fenster hat keine Dialogsteuerung: Aktionen sind nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>Goes via %1</source>
        <translation>Läuft über %1</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Not possible: %1</source>
        <translation>Nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dialog matches the filter.</source>
        <translation>Kein Dialog passt zum Filter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one or more dialogs in the table first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Dialoge in der Tabelle aus.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not possible for this dialog: %1</source>
        <translation>Für diesen Dialog nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not possible for any of these dialogs: %1</source>
        <translation>Für keinen dieser Dialoge möglich: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 dialogs cannot (they will be skipped): %3</source>
        <translation>Bei %1 von %2 Dialogen nicht möglich (sie werden übersprungen): %3</translation>
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
        <location line="+92"/>
        <source>%1 on %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: done</source>
        <translation>%1: erledigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: done via %2</source>
        <translation>%1: erledigt über %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed (%2): %3</source>
        <translation>%1 fehlgeschlagen (%2): %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Path: %1</source>
        <translation>Weg: %1</translation>
    </message>
</context>
<context>
    <name>DialogDetailsDock</name>
    <message>
        <location filename="../ui/dialogdetailsdock.cpp" line="+91"/>
        <source>Dialog details</source>
        <translation>Dialogdetails</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the details and call flow of the selected dialog</source>
        <translation>Die Details und den Anrufablauf des ausgewählten Dialogs zeigen oder verbergen</translation>
    </message>
</context>
<context>
    <name>DialogDetailsFields</name>
    <message>
        <location filename="../ui/dialogdetailsfields.cpp" line="+18"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSeq</source>
        <translation>CSeq</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route set</source>
        <translation>Route-Set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dialog</source>
        <translation>Dialog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request URI</source>
        <translation>Request-URI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller leg</source>
        <translation>Anruferseite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee leg</source>
        <translation>Angerufenenseite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timers</source>
        <translation>Timer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in %1, at %2</source>
        <extracomment>The dialog&apos;s lifetime timer: %1 the time left (H:MM:SS), %2 the date and time it fires</extracomment>
        <translation>in %1, am %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lifetime</source>
        <translation>Lebensdauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout route</source>
        <translation>Timeout-Route</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog flags</source>
        <translation>Dialog-Flags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Script flags</source>
        <translation>Script-Flags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal flags</source>
        <translation>Interne Flags</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no value)</source>
        <translation>(kein Wert)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
</context>
<context>
    <name>DialogDetailsPane</name>
    <message>
        <location filename="../ui/dialogdetailspane.cpp" line="+305"/>
        <source>%1: %2 → %3</source>
        <extracomment>Title of the details pane: %1 the dialog&apos;s state, %2 its From URI, %3 its To URI</extracomment>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This dialog has ended and the core no longer holds it; its last known state is shown. Select another dialog in the table.</source>
        <translation>Dieser Dialog ist beendet und wird vom Kern nicht mehr gehalten; sein zuletzt bekannter Zustand wird angezeigt. Wählen Sie einen anderen Dialog in der Tabelle aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The core no longer holds this dialog. Select another dialog in the table.</source>
        <translation>Der Kern hält diesen Dialog nicht mehr. Wählen Sie einen anderen Dialog in der Tabelle aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This dialog had ended at %1 when the snapshot was taken.</source>
        <translation>Dieser Dialog war beim Erstellen des Schnappschusses bereits beendet (am %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This dialog had ended when the snapshot was taken.</source>
        <translation>Dieser Dialog war beim Erstellen des Schnappschusses bereits beendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This dialog ended at %1. It stays in the table for a while, then moves to the history.</source>
        <translation>Dieser Dialog wurde am %1 beendet. Er bleibt eine Weile in der Tabelle und wandert dann in den Verlauf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This dialog has ended. It stays in the table for a while, then moves to the history.</source>
        <translation>Dieser Dialog ist beendet. Er bleibt eine Weile in der Tabelle und wandert dann in den Verlauf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its proxy did not answer the last poll: this may be out of date. The Sources panel says why.</source>
        <translation>Sein Proxy hat auf die letzte Abfrage nicht geantwortet: Die Angaben sind möglicherweise veraltet. Die Ansicht „Quellen“ nennt den Grund.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No SIP seen on the mirror for this dialog: only the proxy %1 lists it (over JSON-RPC), so there is no call flow to draw. Send the proxy&apos;s SIP to CallDeck&apos;s mirror port to see it.</source>
        <translation>Für diesen Dialog wurde auf dem Spiegel kein SIP gesehen: Nur der Proxy %1 listet ihn (über JSON-RPC), daher gibt es keinen Anrufablauf darzustellen. Senden Sie das SIP des Proxys an den Spiegel-Port von CallDeck, um ihn zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the call flow…</source>
        <translation>Anrufablauf wird gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No messages of this dialog are kept: the message history is off, or they were dropped to stay within its memory cap.</source>
        <translation>Von diesem Dialog werden keine Nachrichten aufbewahrt: Der Nachrichtenverlauf ist abgeschaltet, oder sie wurden verworfen, um innerhalb seiner Speichergrenze zu bleiben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing the newest %1 messages; older ones were dropped (the history keeps %1 per dialog).</source>
        <translation>Die neuesten %1 Nachrichten werden angezeigt; ältere wurden verworfen (der Verlauf behält %1 pro Dialog).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Call flow (%1)</source>
        <translation>Anrufablauf (%1)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog</source>
        <translation>Dialog</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click an arrow of the call flow (or move with Up and Down) to see its message.</source>
        <translation>Klicken Sie auf einen Pfeil im Anrufablauf (oder wechseln Sie mit den Pfeiltasten nach oben und unten), um seine Nachricht zu sehen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n dialogs selected: select one to see its legs, timers and call flow.</source>
        <translation>
            <numerusform>%n Dialog ausgewählt: Wählen Sie einen aus, um seine Seiten, Timer und seinen Anrufablauf zu sehen.</numerusform>
            <numerusform>%n Dialoge ausgewählt: Wählen Sie einen aus, um seine Seiten, Timer und seinen Anrufablauf zu sehen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a dialog in the table to see its legs, timers and call flow.</source>
        <translation>Wählen Sie einen Dialog in der Tabelle aus, um seine Seiten, Timer und seinen Anrufablauf zu sehen.</translation>
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
        <location filename="../ui/models/dialogtablemodel.cpp" line="+84"/>
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
        <location line="+85"/>
        <source>SIP header %1 of the initial INVITE (mirror dialogs only)</source>
        <translation>SIP-Header %1 des initialen INVITE (nur Dialoge des Spiegels)</translation>
    </message>
    <message>
        <location line="+5"/>
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
    <name>DmqHealthText</name>
    <message>
        <location filename="../ui/dmqhealthtext.cpp" line="+19"/>
        <source>DMQ bus</source>
        <extracomment>The row of CallDeck&apos;s own node on a Kamailio DMQ bus (--dmq)</extracomment>
        <translation>DMQ-Bus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DMQ node (notify)</source>
        <extracomment>A DMQ node that CallDeck announces itself to (--dmq-notify)</extracomment>
        <translation>DMQ-Knoten (notify)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DMQ node</source>
        <translation>DMQ-Knoten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · no node yet</source>
        <extracomment>The bus row: CallDeck&apos;s own node knows no other node yet</extracomment>
        <translation>%1 · noch kein Knoten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 of %3 nodes up</source>
        <extracomment>The bus row: %1 CallDeck&apos;s own status, %2 of the %3 nodes of the cluster are active</extracomment>
        <translation>%1 · %2 von %3 Knoten aktiv</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n Dialog</numerusform>
            <numerusform>%n Dialoge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck&apos;s own node on the bus: %1</source>
        <translation>Eigener Knoten von CallDeck auf dem Bus: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs from the whole cluster: %1</source>
        <translation>Dialoge aus dem gesamten Cluster: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owners: %1 certain, %2 from the nodes&apos; h_id series (step %3), %4 not known yet</source>
        <translation>Eigentümer: %1 sicher, %2 aus der h_id-Reihe der Knoten (Schritt %3), %4 noch unbekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Owners: %1 certain, %2 not known yet (shown under the node that sent a copy)</source>
        <translation>Eigentümer: %1 sicher, %2 noch unbekannt (beim Knoten gezeigt, der eine Kopie sandte)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notification peer (--dmq-notify): CallDeck announces itself here and learns the other nodes from its answer.</source>
        <translation>Benachrichtigungs-Peer (--dmq-notify): CallDeck meldet sich hier an und erfährt aus der Antwort die anderen Knoten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs it owns: %1</source>
        <translation>Eigene Dialoge des Knotens: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · node lists and pings %7)</source>
        <translation>Nachrichten: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · Knotenlisten und Pings %7)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last message: %1</source>
        <translation>Letzte Nachricht: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last message: %1 · last answer to a ping: %2</source>
        <translation>Letzte Nachricht: %1 · letzte Antwort auf einen Ping: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last sync: %1, %n dialog(s)</source>
        <translation>
            <numerusform>Letzte Synchronisation: %1, %n Dialog</numerusform>
            <numerusform>Letzte Synchronisation: %1, %n Dialoge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync: none yet</source>
        <translation>Letzte Synchronisation: noch keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected: %1 (malformed or unknown) · flood drops: %2 (over the rate limit)</source>
        <translation>Abgelehnt: %1 (fehlerhaft oder unbekannt) · wegen Überflutung verworfen: %2 (über dem Ratenlimit)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n ping(s) in a row without an answer</source>
        <translation>
            <numerusform>%n Ping in Folge ohne Antwort</numerusform>
            <numerusform>%n Pings in Folge ohne Antwort</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: CallDeck is not on the bus. Check --dmq and --dmq-notify, and that the notification peer&apos;s dmq module listens on that address.</source>
        <translation>%1: CallDeck ist nicht auf dem Bus. Prüfen Sie --dmq und --dmq-notify und ob das dmq-Modul des Benachrichtigungs-Peers auf dieser Adresse hört.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no answer to the pings. Check that the proxy runs and that its dmq module listens on this address.</source>
        <translation>%1: keine Antwort auf die Pings. Prüfen Sie, ob der Proxy läuft und sein dmq-Modul auf dieser Adresse hört.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the node left the bus or stopped answering; its dialogs are stale. Restart it, or remove it on a peer with kamcmd dmq.remove.</source>
        <translation>%1: Der Knoten hat den Bus verlassen oder antwortet nicht mehr; seine Dialoge sind veraltet. Starten Sie ihn neu oder entfernen Sie ihn auf einem Peer mit kamcmd dmq.remove.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: see the event log.</source>
        <translation>%1: siehe Ereignisprotokoll.</translation>
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
        <location filename="../app/engine.cpp" line="+98"/>
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
    <name>ExportMenu</name>
    <message>
        <location filename="../ui/exportmenu.cpp" line="+61"/>
        <source>Export table as CSV</source>
        <translation>Tabelle als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export table as JSON</source>
        <translation>Tabelle als JSON exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+123"/>
        <source>Export selected dialogs as pcap</source>
        <translation>Ausgewählte Dialoge als pcap exportieren</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Captures (*.pcap)</source>
        <translation>Mitschnitte (*.pcap)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;CSV…</source>
        <translation>Tabelle als &amp;CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, with the visible columns, as a spreadsheet file</source>
        <translation>Die vom Filter angezeigten Dialoge mit den sichtbaren Spalten als Tabellenkalkulationsdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;JSON…</source>
        <translation>Tabelle als &amp;JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, in the shape of Kamailio&apos;s dlg.list</source>
        <translation>Die vom Filter angezeigten Dialoge in der Form von dlg.list aus Kamailio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected dialogs as &amp;pcap…</source>
        <translation>Ausgewählte Dialoge als &amp;pcap…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected dialogs&apos; SIP messages as a capture for Wireshark</source>
        <translation>Die SIP-Nachrichten der ausgewählten Dialoge als Mitschnitt für Wireshark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incident pack…</source>
        <translation>&amp;Incident-Paket…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One archive with the table, the dialogs, their messages, the charts and a manifest</source>
        <translation>Ein Archiv mit der Tabelle, den Dialogen, ihren Nachrichten, den Diagrammen und einem Manifest</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This window reads no dialog core, so there are no messages to export.</source>
        <translation>Dieses Fenster liest keinen Dialogkern, daher gibt es keine Nachrichten zu exportieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No dialog is selected. Select the dialogs whose messages you want in the table (Ctrl+click adds more), then choose Export → Selected dialogs as pcap… again.</source>
        <translation>Kein Dialog ausgewählt. Wählen Sie in der Tabelle die Dialoge aus, deren Nachrichten Sie möchten (Strg+Klick fügt weitere hinzu), und wählen Sie dann erneut Exportieren → Ausgewählte Dialoge als pcap….</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The selected dialogs are known only from a proxy&apos;s dlg.list: none of their messages reached CallDeck&apos;s mirror port. Let the proxy mirror its SIP to CallDeck (siptrace or HEP) to capture the messages of new calls.</source>
        <translation>Die ausgewählten Dialoge sind nur aus dem dlg.list eines Proxys bekannt: Keine ihrer Nachrichten hat den Spiegel-Port von CallDeck erreicht. Lassen Sie den Proxy sein SIP an CallDeck spiegeln (siptrace oder HEP), um die Nachrichten neuer Anrufe mitzuschneiden.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Another export is still running; wait for it or cancel it, then export again.</source>
        <translation>Ein anderer Export läuft noch; warten Sie darauf oder brechen Sie ihn ab und exportieren Sie dann erneut.</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <location filename="../ui/exportrunner.cpp" line="+100"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The export to %1 was cancelled; nothing was written.</source>
        <translation>Der Export nach %1 wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export to %1 stopped: the dialog core did not answer in time, so nothing was written. Try again in a moment, or export fewer dialogs.</source>
        <translation>Der Export nach %1 wurde angehalten: Der Dialogkern hat nicht rechtzeitig geantwortet, daher wurde nichts geschrieben. Versuchen Sie es gleich noch einmal oder exportieren Sie weniger Dialoge.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be written (%2). Choose a folder you can write to, or free some space, and export again.</source>
        <translation>%1 konnte nicht geschrieben werden (%2). Wählen Sie einen Ordner, in den Sie schreiben dürfen, oder geben Sie Speicherplatz frei, und exportieren Sie erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export to %1 could not be made (%2).</source>
        <translation>Der Export nach %1 war nicht möglich (%2).</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Exported %n dialog(s) to %1</source>
        <translation>
            <numerusform>%n Dialog nach %1 exportiert</numerusform>
            <numerusform>%n Dialoge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported %n message(s) to %1</source>
        <translation>
            <numerusform>%n Nachricht nach %1 exportiert</numerusform>
            <numerusform>%n Nachrichten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Incident pack with %n dialog(s) written to %1</source>
        <translation>
            <numerusform>Incident-Paket mit %n Dialog nach %1 geschrieben</numerusform>
            <numerusform>Incident-Paket mit %n Dialogen nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source> (%n message(s) too large for a UDP frame left out)</source>
        <translation>
            <numerusform> (%n Nachricht ausgelassen, zu groß für einen UDP-Frame)</numerusform>
            <numerusform> (%n Nachrichten ausgelassen, zu groß für einen UDP-Frame)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../ui/filterbar.cpp" line="+77"/>
        <location line="+258"/>
        <location line="+110"/>
        <source>any value</source>
        <translation>beliebiger Wert</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+110"/>
        <source>(empty value)</source>
        <translation>(leerer Wert)</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 of %2 dialogs</source>
        <extracomment>%1 dialogs the filter shows, %2 all the table&apos;s dialogs</extracomment>
        <translation>%1 von %2 Dialogen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 dialog</source>
        <translation>1 Dialog</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 dialogs</source>
        <translation>%1 Dialoge</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Any state</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+73"/>
        <source>Mirror</source>
        <translation>Spiegel</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+53"/>
        <source>Saved filters</source>
        <translation>Gespeicherte Filter</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Save filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name for the current filter (a saved filter of that name is replaced):</source>
        <translation>Name für den aktuellen Filter (ein gespeicherter Filter gleichen Namens wird ersetzt):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search Call-ID, From, To, profiles, origin, contacts, headers (Ctrl+F)</source>
        <translation>Call-ID, From, To, Profile, Herkunft, Contacts, Header durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the dialogs whose texts contain this, in any case; Esc clears every filter</source>
        <translation>Zeigt die Dialoge, deren Texte dies enthalten, ohne Rücksicht auf Groß-/Kleinschreibung; Esc setzt alle Filter zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs in the checked states</source>
        <translation>Nur Dialoge in den markierten Zuständen zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs in this profile (exact name)</source>
        <translation>Nur Dialoge in diesem Profil zeigen (exakter Name)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With a profile: show only dialogs with this value in it (exact)</source>
        <translation>Mit Profil: nur Dialoge zeigen, die darin diesen Wert haben (exakt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile value</source>
        <translation>Profilwert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any origin</source>
        <translation>Jede Herkunft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs seen on the mirror, or listed by this proxy</source>
        <translation>Nur Dialoge zeigen, die auf dem Spiegel gesehen oder von diesem Proxy gelistet wurden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older than</source>
        <translation>Älter als</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any age</source>
        <translation>Jedes Alter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>≥ </source>
        <extracomment>Before the number of minutes in the age filter (&quot;≥ 10 min&quot;: older than 10 minutes)</extracomment>
        <translation>≥ </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs whose INVITE is at least this many minutes old</source>
        <translation>Nur Dialoge zeigen, deren INVITE mindestens so viele Minuten alt ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From, e.g. sip:+4930*</source>
        <translation>From, z. B. sip:+4930*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole From URI: * any text, ? one character; any case</source>
        <translation>Platzhalter über die ganze From-URI: * beliebiger Text, ? ein Zeichen; Groß-/Kleinschreibung egal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To, e.g. *@carrier.example</source>
        <translation>To, z. B. *@carrier.example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole To URI: * any text, ? one character; any case</source>
        <translation>Platzhalter über die ganze To-URI: * beliebiger Text, ? ein Zeichen; Groß-/Kleinschreibung egal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop every filter (Esc)</source>
        <translation>Alle Filter aufheben (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply a saved filter</source>
        <translation>Einen gespeicherten Filter anwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the current filter under a name</source>
        <translation>Den aktuellen Filter unter einem Namen speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved filter chosen in the list</source>
        <translation>Den in der Liste gewählten gespeicherten Filter löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter dialogs</source>
        <translation>Dialoge &amp;filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the keyboard focus to the dialog filter</source>
        <translation>Den Tastaturfokus in den Dialogfilter setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
</context>
<context>
    <name>HeadlessExport</name>
    <message>
        <location filename="../app/headlessexport.cpp" line="+99"/>
        <source>calldeck: --export %1: %2; nothing was written.</source>
        <translation>calldeck: --export %1: %2; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --export %1: unknown format; the file name must end in %2.</source>
        <translation>calldeck: --export %1: unbekanntes Format; der Dateiname muss auf %2 enden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export %1: the dialog core did not answer in time; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck: --export %1: Der Dialogkern hat nicht rechtzeitig geantwortet; es wurde nichts geschrieben. Versuchen Sie es erneut oder exportieren Sie zu einem weniger ausgelasteten Zeitpunkt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --export %1: cannot write there (%2).</source>
        <translation>calldeck: --export %1: dort kann nicht geschrieben werden (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: --export %1: %2.</source>
        <translation>calldeck: --export %1: %2.</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <location filename="../app/headlessrunner.cpp" line="+106"/>
        <location line="+8"/>
        <source>calldeck: %1</source>
        <translation>calldeck: %1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>calldeck: cannot watch SIGINT/SIGTERM (%1); check the open-files limit (ulimit -n) and retry.</source>
        <translation>calldeck: SIGINT/SIGTERM können nicht überwacht werden (%1); prüfen Sie die Grenze offener Dateien (ulimit -n) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>calldeck: cannot listen for HEP/SIP on %1: %2</source>
        <translation>calldeck: kann auf %1 nicht auf HEP/SIP hören: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --rpc: %1</source>
        <translation>calldeck: --rpc: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --dmq: %1; choose a free port for --dmq</source>
        <translation>calldeck: --dmq: %1; wählen Sie einen freien Port für --dmq</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+46"/>
        <source>calldeck: the dialog core did not finish within %1 s; the export and statistics may miss the last packets.</source>
        <translation>calldeck: Der Dialogkern ist nicht innerhalb von %1 s fertig geworden; Export und Statistik könnten die letzten Pakete auslassen.</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <name>IncidentPackDialog</name>
    <message>
        <location filename="../ui/incidentpackdialog.cpp" line="+24"/>
        <location line="+110"/>
        <source>Incident pack</source>
        <translation>Incident-Paket</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Mask numbers and URIs (for sharing outside the operations team)</source>
        <translation>Rufnummern und URIs &amp;maskieren (zur Weitergabe außerhalb des Betriebsteams)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every telephone number and the user@host of every SIP URI is replaced, with the same length and the same way in all files, so calls can still be followed and the capture stays valid.</source>
        <translation>Jede Rufnummer und der user@host-Teil jeder SIP-URI werden ersetzt, mit gleicher Länge und in allen Dateien auf dieselbe Weise, sodass Anrufe nachvollziehbar bleiben und der Mitschnitt gültig bleibt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the selected dialogs&apos; messages</source>
        <translation>die Nachrichten der ausgewählten Dialoge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the shown dialogs&apos; messages</source>
        <translation>die Nachrichten der angezeigten Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive holds table.csv (the table as shown), dialogs.json (dlg.list shape), messages.pcap (%1), the chart pictures and manifest.json with the SHA-256 of each file.</source>
        <translation>Das Archiv enthält table.csv (die Tabelle wie angezeigt), dialogs.json (Form von dlg.list), messages.pcap (%1), die Diagrammbilder und manifest.json mit dem SHA-256 jeder Datei.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Write pack</source>
        <translation>Paket &amp;schreiben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Enter the file to write, e.g. incident.tar.gz, or choose one with Browse….</source>
        <translation>Geben Sie die zu schreibende Datei ein, z. B. incident.tar.gz, oder wählen Sie eine mit Durchsuchen….</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pack is a .tar.gz or .tar archive: end the file name in .tar.gz (smaller) or .tar.</source>
        <translation>Das Paket ist ein .tar.gz- oder .tar-Archiv: Lassen Sie den Dateinamen auf .tar.gz (kleiner) oder .tar enden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 does not exist; choose an existing folder with Browse….</source>
        <translation>Der Ordner %1 existiert nicht; wählen Sie einen vorhandenen Ordner mit Durchsuchen….</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Compressed archive (*.tar.gz)</source>
        <translation>Komprimiertes Archiv (*.tar.gz)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive (*.tar)</source>
        <translation>Archiv (*.tar)</translation>
    </message>
</context>
<context>
    <name>LadderLayout</name>
    <message>
        <location filename="../ui/ladderlayout.cpp" line="+25"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>+%1 µs</source>
        <translation>+%1 µs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+%1 s</source>
        <translation>+%1 s</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(not SIP)</source>
        <translation>(kein SIP)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>↻ %1</source>
        <extracomment>A message of the call flow that repeats an earlier one (%1: &quot;INVITE&quot;, &quot;200 OK (BYE)&quot;); keep it short</extracomment>
        <translation>↻ %1</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../ui/languagemenu.cpp" line="+92"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the language of the desktop session</source>
        <translation>Der Sprache der Desktop-Sitzung folgen</translation>
    </message>
</context>
<context>
    <name>LanguageSwitcher</name>
    <message>
        <location filename="../app/languageswitcher.cpp" line="+33"/>
        <source>the system&apos;s language (%1)</source>
        <translation>die Sprache des Systems (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language: %1.</source>
        <translation>Sprache: %1.</translation>
    </message>
</context>
<context>
    <name>ListenerSettingsDialog</name>
    <message>
        <location filename="../ui/listenersettingsdialog.cpp" line="+21"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mirror listeners</source>
        <translation>Spiegel-Empfänger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ADDR:PORT, e.g. 0.0.0.0:9060 (every IPv4 address), 127.0.0.1:9060 or, for IPv6, [::1]:9060. Each address takes HEP (v1/v2/v3) and raw SIP on UDP and TCP.</source>
        <translation>ADDR:PORT, z. B. 0.0.0.0:9060 (jede IPv4-Adresse), 127.0.0.1:9060 oder für IPv6 [::1]:9060. Jede Adresse nimmt HEP (v1/v2/v3) und Roh-SIP über UDP und TCP an.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>CallDeck receives HEP (Kamailio siptrace, Homer agents, heplify) and raw SIP on UDP and TCP at each address below. Leave the list empty for the default %1. Changes apply at once.</source>
        <translation>CallDeck empfängt HEP (Kamailio siptrace, Homer-Agenten, heplify) und Roh-SIP über UDP und TCP an jeder Adresse unten. Lassen Sie die Liste leer für die Vorgabe %1. Änderungen gelten sofort.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no listener (--hep off)</source>
        <translation>kein Empfänger (--hep off)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This run listens on %1, as given on the command line; that stays until CallDeck is restarted. The list is stored and used when CallDeck starts without --hep.</source>
        <translation>Dieser Lauf empfängt auf %1, wie auf der Befehlszeile angegeben; das bleibt bis zum Neustart von CallDeck. Die Liste wird gespeichert und gilt, wenn CallDeck ohne --hep startet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+143"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Kamailio-Konfiguration in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location line="+136"/>
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
        <location line="+199"/>
        <source>Dialogs</source>
        <translation>Dialoge</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+2"/>
        <source>&amp;Proxies…</source>
        <translation>&amp;Proxys…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the proxies watched over JSON-RPC</source>
        <translation>Die über JSON-RPC beobachteten Proxys hinzufügen, bearbeiten oder entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mirror listeners…</source>
        <translation>Spiegel-&amp;Empfänger…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the addresses that receive HEP and raw SIP</source>
        <translation>Die Adressen hinzufügen, bearbeiten oder entfernen, die HEP und Roh-SIP empfangen</translation>
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
    <name>ProfilesDock</name>
    <message>
        <location filename="../ui/profilesdock.cpp" line="+74"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the live profiles and their sizes</source>
        <translation>Die Live-Profile und ihre Größen zeigen oder verbergen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a profile or a value to show its dialogs in the table.</source>
        <translation>Klicken Sie auf ein Profil oder einen Wert, um dessen Dialoge in der Tabelle zu zeigen.</translation>
    </message>
</context>
<context>
    <name>ProfilesModel</name>
    <message>
        <location filename="../ui/profilesmodel.cpp" line="+86"/>
        <source>(empty value)</source>
        <translation>(leerer Wert)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dialogs in profile %1 with value %2: %3. Click to show them.</source>
        <translation>Dialoge in Profil %1 mit Wert %2: %3. Klicken Sie, um sie anzuzeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs in profile %1: %2. Click to show them.</source>
        <translation>Dialoge in Profil %1: %2. Klicken Sie, um sie anzuzeigen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Profile / value</source>
        <translation>Profil / Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dialogs</source>
        <translation>Dialoge</translation>
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
        <location line="+37"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tables: %1</source>
        <translation>Tabellen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Last read: %1 ms, %n dialog(s); read every %2 s</source>
        <translation>
            <numerusform>Letzter Lesevorgang: %1 ms, %n Dialog; Lesen alle %2 s</numerusform>
            <numerusform>Letzter Lesevorgang: %1 ms, %n Dialoge; Lesen alle %2 s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not read yet; read every %1 s</source>
        <translation>Noch nicht gelesen; Lesen alle %1 s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reads: %1, failed: %2</source>
        <translation>Lesevorgänge: %1, fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog row(s) skipped in the last read</source>
        <translation>
            <numerusform>%n fehlerhafte Dialogzeile beim letzten Lesen übersprungen</numerusform>
            <numerusform>%n fehlerhafte Dialogzeilen beim letzten Lesen übersprungen</numerusform>
        </translation>
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
    <name>SnapshotActions</name>
    <message>
        <location filename="../ui/snapshotactions.cpp" line="+106"/>
        <location line="+77"/>
        <source>Save snapshot</source>
        <translation>Schnappschuss speichern</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+78"/>
        <source>Open snapshot</source>
        <translation>Schnappschuss öffnen</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>CallDeck snapshots (*.cdsnap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>CallDeck-Schnappschüsse (*.cdsnap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A snapshot is being saved; wait for it or cancel it.</source>
        <translation>Ein Schnappschuss wird gerade gespeichert; warten Sie darauf oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saving the snapshot to %1…</source>
        <translation>Schnappschuss wird in %1 gespeichert…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the snapshot %1…</source>
        <translation>Schnappschuss %1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Snapshot of %n dialog(s) saved to %1</source>
        <translation>
            <numerusform>Schnappschuss mit %n Dialog in %1 gespeichert</numerusform>
            <numerusform>Schnappschuss mit %n Dialogen in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Snapshot cancelled; no file was written.</source>
        <translation>Schnappschuss abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The snapshot could not be saved to %1.</source>
        <translation>Der Schnappschuss konnte nicht in %1 gespeichert werden.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The snapshot %1 could not be opened.</source>
        <translation>Der Schnappschuss %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Check that the file and its folder exist and that you may use them, and that the disk has room; then try again or choose another place.</source>
        <translation>Prüfen Sie, ob die Datei und ihr Ordner existieren, ob Sie darauf zugreifen dürfen und ob auf dem Datenträger Platz ist; versuchen Sie es dann erneut oder wählen Sie einen anderen Speicherort.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dialog core is busy. Try again in a moment.</source>
        <translation>Der Dialogkern ist ausgelastet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or cut short (was it copied completely?). Open another copy of it.</source>
        <translation>Die Datei ist beschädigt oder abgeschnitten (wurde sie vollständig kopiert?). Öffnen Sie eine andere Kopie davon.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a CallDeck snapshot. Choose a .cdsnap file saved with File → Save snapshot….</source>
        <translation>Dies ist kein CallDeck-Schnappschuss. Wählen Sie eine .cdsnap-Datei, die mit Datei → Schnappschuss speichern… gespeichert wurde.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was saved by a newer CallDeck. Open it with that version, or update this one.</source>
        <translation>Er wurde von einer neueren CallDeck-Version gespeichert. Öffnen Sie ihn mit jener Version oder aktualisieren Sie diese.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or was edited by hand; the detail below says where. Open another copy of it.</source>
        <translation>Die Datei ist beschädigt oder wurde von Hand bearbeitet; die Details unten nennen die Stelle. Öffnen Sie eine andere Kopie davon.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Save snapshot…</source>
        <translation>Schnappschuss &amp;speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every dialog with its details and call flow to a file you can open later</source>
        <translation>Alle Dialoge mit ihren Details und Anrufabläufen in einer Datei speichern, die Sie später öffnen können</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open s&amp;napshot…</source>
        <translation>Schnappschuss öff&amp;nen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse a saved snapshot: its table, details and call flows as they were</source>
        <translation>Einen gespeicherten Schnappschuss ansehen: Tabelle, Details und Anrufabläufe im damaligen Zustand</translation>
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
    <name>SnapshotWindow</name>
    <message>
        <location filename="../ui/snapshotwindow.cpp" line="+177"/>
        <source>%1 — snapshot of %2 — CallDeck</source>
        <extracomment>Title of a snapshot window: %1 the file name, %2 the date and time the snapshot was taken</extracomment>
        <translation>%1 — Schnappschuss vom %2 — CallDeck</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s) listed</source>
        <translation>
            <numerusform>%n Dialog aufgeführt</numerusform>
            <numerusform>%n Dialoge aufgeführt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 early, %2 active, %3 processed since start</source>
        <translation>%1 früh, %2 aktiv, %3 seit dem Start verarbeitet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no feeds</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshot taken %1 by CallDeck %2 from %3. %4. Nothing here changes: it is a record.</source>
        <extracomment>Status bar of a snapshot window: %1 when it was taken, %2 the CallDeck version, %3 its feeds, %4 the counts</extracomment>
        <translation>Schnappschuss vom %1, erstellt von CallDeck %2 (Feeds: %3). %4. Hier ändert sich nichts: Es ist eine Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown version)</source>
        <translation>(unbekannte Version)</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+164"/>
        <source>%1 (%2): %3</source>
        <extracomment>%1 a DMQ node&apos;s address, %2 &quot;DMQ node&quot; or &quot;DMQ bus&quot;, %3 its status and what to do</extracomment>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location filename="../ui/sourcestablemodel.cpp" line="+177"/>
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
        <location line="+104"/>
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
        <location line="+5"/>
        <source>DB</source>
        <extracomment>A proxy read from its dialog database table (--proxy-db)</extracomment>
        <translation>DB</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ bus</source>
        <translation>DMQ-Bus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ node</source>
        <translation>DMQ-Knoten</translation>
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
        <location line="+86"/>
        <source>Failed: %1</source>
        <translation>Ausgefallen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <location line="+10"/>
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
    <name>TimeSeriesChart</name>
    <message>
        <location filename="../ui/charts/timeserieschart.cpp" line="+253"/>
        <source>%1 limit</source>
        <translation>%1 (Grenzwert)</translation>
    </message>
    <message>
        <location line="-23"/>
        <source> (no data)</source>
        <translation> (keine Daten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>%1
%2: %3</source>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 (+%3 s): min %4, avg %5, max %6</source>
        <translation>%1
%2 (+%3 s): Min. %4, Mittel %5, Max. %6</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+65"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck: Für %1 gibt es noch keine Übersetzung von CallDeck; es wird Englisch verwendet. Verfügbar: %2.</translation>
    </message>
</context>
</TS>
