<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActionConfirmDialog</name>
    <message>
        <location filename="../ui/actionconfirmdialog.cpp" line="+51"/>
        <source>Bridge (click-to-dial)</source>
        <translation>Ponter (click-to-dial)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: confirm</source>
        <translation>%1 : confirmer</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> per second</source>
        <translation> par seconde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs are acted on one after the other at most this fast, so a proxy is never flooded; the run can be cancelled.</source>
        <translation>Les dialogues sont traités l’un après l’autre, au plus à ce rythme, pour ne jamais submerger un proxy ; l’exécution peut être annulée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send at most</source>
        <translation>Envoyer au plus</translation>
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
        <translation>Propriétaire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Will go via</source>
        <translation>Passera par</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Terminate</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate caller side</source>
        <translation>Terminer côté appelant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate callee side</source>
        <translation>Terminer côté appelé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer</source>
        <translation>Transférer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change timeout</source>
        <translation>Modifier le délai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set profile</source>
        <translation>Ajouter à un profil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unset profile</source>
        <translation>Retirer d’un profil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set variable</source>
        <translation>Définir une variable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bridge</source>
        <translation>Ponter</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Both parties</source>
        <translation>Les deux parties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller (From)</source>
        <translation>Appelant (From)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee (To)</source>
        <translation>Appelé (To)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send the REFER to</source>
        <translation>Envoyer le REFER à</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send a BYE to</source>
        <translation>Envoyer un BYE à</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. sip:1001@example.com</source>
        <translation>p. ex. sip:1001@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The party chosen above is asked (REFER) to call this URI.</source>
        <translation>La partie choisie ci-dessus est invitée (REFER) à appeler cette URI.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer to</source>
        <translation>Transférer vers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialog&apos;s lifetime from now; when it runs out the call is ended with a BYE to both parties.</source>
        <translation>Durée de vie du dialogue à partir de maintenant ; à son expiration, l’appel est terminé par un BYE aux deux parties.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New timeout</source>
        <translation>Nouveau délai</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>empty for a profile without values</source>
        <translation>vide pour un profil sans valeurs</translation>
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
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. sip:alice@example.com</source>
        <translation>p. ex. sip:alice@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sip:bob@example.com</source>
        <translation>p. ex. sip:bob@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Called first; when it answers it is asked (REFER) to call the second party.</source>
        <translation>Appelée en premier ; quand elle répond, elle est invitée (REFER) à appeler la seconde partie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call first</source>
        <translation>Appeler d’abord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then connect to</source>
        <translation>Puis mettre en relation avec</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+12"/>
        <source>no dialog control</source>
        <translation>aucun contrôle des dialogues</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: %1</source>
        <translation>ignoré : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>… and %n more dialog(s) not listed here.</source>
        <translation>
            <numerusform>… et %n autre dialogue non listé ici.</numerusform>
            <numerusform>… et %n autres dialogues non listés ici.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>End this call with a BYE to both parties.</source>
        <translation>Terminer cet appel par un BYE aux deux parties.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End these %1 calls with a BYE to both parties.</source>
        <translation>Terminer ces %1 appels par un BYE aux deux parties.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send a BYE to the caller of this call.</source>
        <translation>Envoyer un BYE à l’appelant de cet appel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of these %1 calls.</source>
        <translation>Envoyer un BYE à l’appelant de ces %1 appels.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a BYE to the callee of this call.</source>
        <translation>Envoyer un BYE à l’appelé de cet appel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of these %1 calls.</source>
        <translation>Envoyer un BYE à l’appelé de ces %1 appels.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer this call with a REFER.</source>
        <translation>Transférer cet appel par un REFER.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer these %1 calls with a REFER.</source>
        <translation>Transférer ces %1 appels par un REFER.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the timeout of this dialog.</source>
        <translation>Modifier le délai de ce dialogue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the timeout of these %1 dialogs.</source>
        <translation>Modifier le délai de ces %1 dialogues.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this dialog to a profile.</source>
        <translation>Ajouter ce dialogue à un profil.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add these %1 dialogs to a profile.</source>
        <translation>Ajouter ces %1 dialogues à un profil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this dialog from a profile.</source>
        <translation>Retirer ce dialogue d’un profil.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove these %1 dialogs from a profile.</source>
        <translation>Retirer ces %1 dialogues d’un profil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a variable on this dialog.</source>
        <translation>Définir une variable sur ce dialogue.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set a variable on these %1 dialogs.</source>
        <translation>Définir une variable sur ces %1 dialogues.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect two parties (click-to-dial).</source>
        <translation>Mettre deux parties en relation (click-to-dial).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect two parties (click-to-dial) via %1.</source>
        <translation>Mettre deux parties en relation (click-to-dial) via %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot bridge: %1</source>
        <translation>Pontage impossible : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter both parties as SIP URIs (sip:user@host), then confirm.</source>
        <translation>Saisissez les deux parties sous forme d’URI SIP (sip:user@host), puis confirmez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of these dialogs can be acted on: %1</source>
        <translation>Aucune action n’est possible sur ces dialogues : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the URI to transfer to (sip:, sips: or tel:), then confirm.</source>
        <translation>Saisissez l’URI de destination du transfert (sip:, sips: ou tel:), puis confirmez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the variable&apos;s name, then confirm.</source>
        <translation>Saisissez le nom de la variable, puis confirmez.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the profile&apos;s name as the proxy&apos;s dialog module knows it, then confirm.</source>
        <translation>Saisissez le nom du profil tel que le connaît le module dialog du proxy, puis confirmez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name cannot contain spaces.</source>
        <translation>Un nom ne peut pas contenir d’espaces.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n dialog(s) will be skipped; the list says why.</source>
        <translation>
            <numerusform>%n dialogue sera ignoré ; la liste indique pourquoi.</numerusform>
            <numerusform>%n dialogues seront ignorés ; la liste indique pourquoi.</numerusform>
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
        <translation>Critique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Major</source>
        <translation>Majeure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minor</source>
        <translation>Mineure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelved until %1</source>
        <translation>Suspendue jusqu’au %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cleared %1</source>
        <translation>Retombée à %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>At the raise: %1
At the clear: %2</source>
        <translation>À la levée : %1
À la retombée : %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the raise: %1
Now: %2</source>
        <translation>À la levée : %1
Maintenant : %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raised</source>
        <translation>Levée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>AlarmRulesDialog</name>
    <message>
        <location filename="../ui/alarmrulesdialog.cpp" line="+20"/>
        <source>Alarm rules</source>
        <translation>Règles d’alarme</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One rule a line, as key=value words (quote values with spaces); lines starting with # are notes.
kind=profile target=PROFILE[=VALUE] threshold=N or N% (of its limit in Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Every rule: name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (hold times) [hysteresis=N] [enabled=no].
Example: name=&quot;trunk nearly full&quot; kind=profile target=trunk threshold=80% severity=major clear=10</source>
        <translation>Une règle par ligne, sous forme de mots clé=valeur (mettez entre guillemets les valeurs contenant des espaces) ; les lignes commençant par # sont des notes.
kind=profile target=PROFILE[=VALUE] threshold=N ou N% (de sa limite dans Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Chaque règle : name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (délais de maintien) [hysteresis=N] [enabled=no].
Exemple : name=&quot;trunk presque plein&quot; kind=profile target=trunk threshold=80% severity=major clear=10</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Fix these lines, then press OK:
%1</source>
        <translation>Corrigez ces lignes, puis appuyez sur OK :
%1</translation>
    </message>
</context>
<context>
    <name>AlarmsPanel</name>
    <message>
        <source>No alarm rules yet: add them in Settings → Alarm rules….</source>
        <translation type="vanished">Aucune règle d’alarme pour l’instant : ajoutez-en dans Réglages → Règles d’alarme….</translation>
    </message>
    <message>
        <location filename="../ui/alarmspanel.cpp" line="+130"/>
        <source>No alarm rules yet: add them in Settings → Alarm rules…</source>
        <translation>Aucune règle d’alarme pour l’instant : ajoutez-en dans Réglages → Règles d’alarme…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No alarm raised so far.</source>
        <translation>Aucune alarme levée jusqu’ici.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acquitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected alarms as seen; they stay listed until they clear</source>
        <translation>Marquer les alarmes sélectionnées comme vues ; elles restent listées jusqu’à leur retombée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Shelve</source>
        <translation>&amp;Suspendre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silence the selected alarms&apos; rules for a while: their alarms stay listed but ask for no attention and notify nobody until then</source>
        <translation>Mettre en sourdine pour un temps les règles des alarmes sélectionnées : leurs alarmes restent listées, mais ne réclament plus d’attention et ne notifient personne d’ici là</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For 15 minutes</source>
        <translation>Pendant 15 minutes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 1 hour</source>
        <translation>Pendant 1 heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 4 hours</source>
        <translation>Pendant 4 heures</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 24 hours</source>
        <translation>Pendant 24 heures</translation>
    </message>
</context>
<context>
    <name>AlarmsUi</name>
    <message>
        <location filename="../ui/alarmsui.cpp" line="+61"/>
        <source>%1 alarm: %2</source>
        <translation>Alarme %1 : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n alarme</numerusform>
            <numerusform>%n alarmes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raised alarms nobody acknowledged; click to show the Alarms list</source>
        <translation>Alarmes levées que personne n’a acquittées ; cliquez pour afficher la liste des alarmes</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alarm rules…</source>
        <translation>Règles d’&amp;alarme…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the rules that raise alarms</source>
        <translation>Ajouter, modifier ou supprimer les règles qui lèvent des alarmes</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+44"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 démarré (Qt %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Mode lecture seule (--read-only) : les actions de contrôle sont refusées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Mode lecture seule (défini dans les réglages) : les actions de contrôle sont refusées.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 (settings file: %2). Until then dialogs are tracked without profile rules; restart CallDeck after the fix.</source>
        <translation>%1 (fichier de réglages : %2). D’ici là, les dialogues sont suivis sans règles de profil ; redémarrez CallDeck après la correction.</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Listening for HEP and raw SIP on udp %1:%2 and tcp %1:%3.</source>
        <translation>Écoute HEP et SIP brut sur udp %1:%2 et tcp %1:%3.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Cannot listen for HEP/SIP on %1: %2</source>
        <translation>Impossible d’écouter HEP/SIP sur %1 : %2</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>%1 Dialogs are not stored until CallDeck is restarted with a working store.</source>
        <translation>%1 Les dialogues ne sont pas enregistrés tant que CallDeck n’est pas redémarré avec un stockage qui fonctionne.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Change it in Settings → Mirror listeners.</source>
        <translation>Modifiez-le dans Réglages → Récepteurs du miroir.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A proxy was skipped: %1. Fix its URL in Settings or on the command line.</source>
        <translation>Un proxy a été ignoré : %1. Corrigez son URL dans les réglages ou sur la ligne de commande.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watching proxy %1 over JSON-RPC at %2.</source>
        <translation>Surveillance du proxy %1 via JSON-RPC sur %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CallDeck did not join the DMQ bus: %1. Start it with a free --dmq port.</source>
        <translation>CallDeck n’a pas rejoint le bus DMQ : %1. Lancez-le avec un port --dmq libre.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SIP user agent on udp and tcp %1:%2: terminate, transfer and timeouts work on dialogs that only the mirror sees.</source>
        <translation>Agent utilisateur SIP sur udp et tcp %1:%2 : la terminaison, le transfert et les délais fonctionnent sur les dialogues que seul le miroir voit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The SIP user agent did not start: %1. Actions on dialogs that only the mirror sees are refused; start CallDeck with --sip ADDR:PORT on a free port.</source>
        <translation>L’agent utilisateur SIP n’a pas démarré : %1. Les actions sur les dialogues que seul le miroir voit sont refusées ; lancez CallDeck avec --sip ADDR:PORT sur un port libre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HEPv3 authentication is on (--hep-key): only HEPv3 packets that carry the key are accepted, from replayed captures too; raw SIP and other packets are dropped and counted as auth failures.</source>
        <translation>L’authentification HEPv3 est active (--hep-key) : seuls les paquets HEPv3 portant la clé sont acceptés, y compris ceux des captures rejouées ; le SIP brut et les autres paquets sont rejetés et comptés comme échecs d’authentification.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Mirror listeners saved. This run keeps the listeners of the command line (--hep); the saved ones apply when CallDeck starts without --hep.</source>
        <translation>Récepteurs du miroir enregistrés. Cette exécution garde les récepteurs de la ligne de commande (--hep) ; ceux enregistrés s’appliquent quand CallDeck démarre sans --hep.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopped listening on %1: removed in the settings.</source>
        <translation>Écoute arrêtée sur %1 : retiré dans les réglages.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The other listeners keep running; pick another address in Settings → Mirror listeners.</source>
        <translation>Les autres récepteurs continuent ; choisissez une autre adresse dans Réglages → Récepteurs du miroir.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Mirror listener settings changed: %n listener(s) running.</source>
        <translation>
            <numerusform>Récepteurs du miroir modifiés : %n récepteur actif.</numerusform>
            <numerusform>Récepteurs du miroir modifiés : %n récepteurs actifs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Proxy settings changed: now watching %n proxy(ies).</source>
        <translation>
            <numerusform>Réglages des proxys modifiés : %n proxy désormais surveillé.</numerusform>
            <numerusform>Réglages des proxys modifiés : %n proxys désormais surveillés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Écoute HEP/SIP brut intégrée désactivée (--hep off).</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../ui/auditlogdialog.cpp" line="+35"/>
        <source>Audit log</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter: user, action, Call-ID, path, result, message…</source>
        <translation>Filtrer : utilisateur, action, Call-ID, chemin, résultat, message…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;JSON lines…</source>
        <translation>Exporter en lignes &amp;JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Every control action attempt, from %1 (and the older %2).</source>
        <translation type="vanished">Chaque tentative d’action de contrôle, lue depuis %1 (et l’ancien fichier %2).</translation>
    </message>
    <message>
        <source>The audit log could not be read completely (%1); check the file&apos;s permissions.</source>
        <translation type="vanished">Le journal d’audit n’a pas pu être lu entièrement (%1) ; vérifiez les permissions du fichier.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the file are not audit entries and are not shown.</source>
        <translation type="vanished">
            <numerusform>%n ligne du fichier n’est pas une entrée d’audit et n’est pas affichée.</numerusform>
            <numerusform>%n lignes du fichier ne sont pas des entrées d’audit et ne sont pas affichées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every control action attempt, from the table calldeck_audit of the store %1.</source>
        <translation>Chaque tentative d’action de contrôle, depuis la table calldeck_audit du stockage %1.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The audit log could not be read completely (%1); check the store&apos;s permissions, or that its database server runs.</source>
        <translation>Le journal d’audit n’a pas pu être lu entièrement (%1) ; vérifiez les droits du stockage, ou que son serveur de base de données fonctionne.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n row(s) of the table are not audit entries and are not shown.</source>
        <translation>
            <numerusform>%n ligne de la table n’est pas une entrée d’audit et n’est pas affichée.</numerusform>
            <numerusform>%n lignes de la table ne sont pas des entrées d’audit et ne sont pas affichées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 entries</source>
        <translation>%1 entrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 entries</source>
        <translation>%1 entrées sur %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot write %1: %2. Choose another folder or file name.</source>
        <translation>Impossible d’écrire %1 : %2. Choisissez un autre dossier ou nom de fichier.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>Impossible d’écrire %1 : %2. Libérez de l’espace disque ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+11"/>
        <source>Export audit log</source>
        <translation>Exporter le journal d’audit</translation>
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
        <translation>Lignes JSON (*.jsonl)</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../ui/auditlogmodel.cpp" line="+82"/>
        <source>ok</source>
        <translation>réussi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed (%1)</source>
        <translation>échec (%1)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Call-ID %1
From tag %2
To tag %3
key %4</source>
        <translation>Call-ID %1
Tag From %2
Tag To %3
clé %4</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested by</source>
        <translation>Demandé par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>BulkActionDialog</name>
    <message>
        <location filename="../ui/bulkactiondialog.cpp" line="+37"/>
        <source>%1 on %2 dialogs</source>
        <translation>%1 sur %2 dialogues</translation>
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
        <translation>Chemin utilisé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start no further dialog; those already sent still report their result</source>
        <translation>Ne lancer aucun autre dialogue ; ceux déjà envoyés signalent tout de même leur résultat</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent…</source>
        <translation>envoyé…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ok</source>
        <translation>réussi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed (%1)</source>
        <translation>échec (%1)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cancelled: %1 of %2 sent, %3 not sent. </source>
        <translation>Annulé : %1 sur %2 envoyés, %3 non envoyés. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running: %1 of %2 sent at %3 per second. </source>
        <translation>En cours : %1 sur %2 envoyés, à raison de %3 par seconde. </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done. </source>
        <translation>Terminé. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ok, %2 failed.</source>
        <translation>%1 réussis, %2 en échec.</translation>
    </message>
</context>
<context>
    <name>CallFlowView</name>
    <message>
        <location filename="../ui/callflowview.cpp" line="+246"/>
        <source>No messages to draw</source>
        <translation>Aucun message à dessiner</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>%1
%2 → %3
at %4</source>
        <extracomment>Tooltip of an arrow: %1 message, %2 sender, %3 receiver, %4 time</extracomment>
        <translation>%1
%2 → %3
à %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A retransmission: the same message was seen before on this hop.</source>
        <translation>Retransmission : le même message a déjà été vu sur ce saut.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../ui/charts/chartexport.cpp" line="+49"/>
        <source>Chart exported by CallDeck</source>
        <translation>Graphique exporté par CallDeck</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: a chart is saved as PNG or SVG. Choose a file name that ends in .png or .svg.</source>
        <translation>%1 : un graphique s’enregistre en PNG ou en SVG. Choisissez un nom de fichier se terminant par .png ou .svg.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A chart of %1×%2 pixels cannot be drawn: choose a size from 200×120 to 10000×10000.</source>
        <translation>Impossible de dessiner un graphique de %1×%2 pixels : choisissez une taille entre 200×120 et 10000×10000.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chart could not be drawn as %1 (out of memory?). Try a smaller size or the other format.</source>
        <translation>Le graphique n’a pas pu être dessiné en %1 (mémoire insuffisante ?). Essayez une taille plus petite ou l’autre format.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2. Choose a folder you can write to.</source>
        <translation>Impossible d’écrire %1 : %2. Choisissez un dossier accessible en écriture.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>Impossible d’écrire %1 : %2. Libérez de l’espace disque ou choisissez un autre dossier.</translation>
    </message>
</context>
<context>
    <name>ChartExportButton</name>
    <message>
        <location filename="../ui/chartexportbutton.cpp" line="+35"/>
        <location line="+81"/>
        <source>Export chart…</source>
        <translation>Exporter un graphique…</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+29"/>
        <source>Export chart</source>
        <translation>Exporter un graphique</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>PNG image (*.png)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawing (*.svg)</source>
        <translation>Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Save a chart as a PNG image or an SVG drawing (also in each chart&apos;s context menu)</source>
        <translation>Enregistrer un graphique en image PNG ou en dessin SVG (aussi dans le menu contextuel de chaque graphique)</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation type="vanished">Graphiques</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <location filename="../ui/chartspage.cpp" line="+164"/>
        <location line="+125"/>
        <source>All profiles (totals)</source>
        <translation>Tous les profils (totaux)</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>%1 by value</source>
        <translation>%1 par valeur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Charts/Limits in the settings file: these lines are not &quot;SERIES NUMBER&quot; (e.g. &quot;trunk=gw1 30&quot;) and are ignored: %1</source>
        <translation>Charts/Limits dans le fichier de réglages : ces lignes ne sont pas au format « SERIES NUMBER » (p. ex. « trunk=gw1 30 ») et sont ignorées : %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No samples yet: the charts start one second after CallDeck does.</source>
        <translation>Aucun échantillon pour l’instant : les graphiques démarrent une seconde après CallDeck.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>1 unconfirmed</source>
        <translation>1 non confirmé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 early</source>
        <translation>2 précoce</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3 confirmed, no ACK</source>
        <translation>3 confirmé, sans ACK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 confirmed</source>
        <translation>4 confirmé</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>new calls/s</source>
        <translation>nouveaux appels/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ended calls/s</source>
        <translation>appels terminés/s</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window:</source>
        <translation>&amp;Fenêtre :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 5 minutes</source>
        <translation>5 dernières minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>24 dernières heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze the charts to look at them; sampling goes on</source>
        <translation>Figer les graphiques pour les examiner ; l’échantillonnage continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concurrent dialogs per profile</source>
        <translation>Dialogues simultanés par profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls per second (mirror)</source>
        <translation>Appels par seconde (miroir)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs by state (mirror)</source>
        <translation>Dialogues par état (miroir)</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../ui/columnchooser.cpp" line="+144"/>
        <source>Add header column…</source>
        <translation>Ajouter une colonne d’en-tête…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a SIP header of the mirror&apos;s INVITEs (P-Asserted-Identity, Diversion, X-…)</source>
        <translation>Afficher un en-tête SIP des INVITE du miroir (P-Asserted-Identity, Diversion, X-…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove header column</source>
        <translation>Retirer une colonne d’en-tête</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reset columns</source>
        <translation>Réinitialiser les colonnes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show every column in its first place, sized to the rows</source>
        <translation>Remettre chaque colonne à sa place d’origine, dimensionnée selon les lignes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the name of a SIP header, e.g. P-Asserted-Identity.</source>
        <translation>Saisissez le nom d’un en-tête SIP, p. ex. P-Asserted-Identity.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a SIP header name: use letters, digits and - . ! % * _ + ` &apos; ~ only (at most 64), e.g. X-Account.</source>
        <translation>« %1 » n’est pas un nom d’en-tête SIP : utilisez uniquement des lettres, des chiffres et - . ! % * _ + ` &apos; ~ (64 au maximum), p. ex. X-Account.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a column already; pick another header.</source>
        <translation>%1 est déjà une colonne ; choisissez un autre en-tête.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 header columns: remove one first.</source>
        <translation>%1 colonnes d’en-tête au maximum : retirez-en d’abord une.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+9"/>
        <source>Add header column</source>
        <translation>Ajouter une colonne d’en-tête</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>SIP header of the initial INVITE to show (mirror dialogs that start from now on):</source>
        <translation>En-tête SIP de l’INVITE initial à afficher (dialogues du miroir qui commencent à partir de maintenant) :</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+38"/>
        <source>CallDeck, a live SIP dialog console. Without feed options it uses the embedded default: a HEP/raw-SIP listener on 127.0.0.1:9060 (UDP and TCP) and an SQLite store in the user&apos;s data directory.</source>
        <translation>CallDeck, une console de dialogues SIP en direct. Sans option de flux, elle utilise la configuration intégrée : une écoute HEP/SIP brut sur 127.0.0.1:9060 (UDP et TCP) et un stockage SQLite dans le répertoire de données de l’utilisateur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run the engine without a window; stop cleanly on SIGINT/SIGTERM.</source>
        <translation>Exécuter le moteur sans fenêtre ; s’arrêter proprement sur SIGINT/SIGTERM.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen for HEP (v1/v2/v3) and raw SIP on UDP and TCP; repeatable. &quot;off&quot; disables the embedded listener.</source>
        <translation>Écouter HEP (v1/v2/v3) et SIP brut sur UDP et TCP ; répétable. « off » désactive l’écoute intégrée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept only HEPv3 packets carrying this auth key.</source>
        <translation>N’accepter que les paquets HEPv3 portant cette clé d’authentification.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read a pcap/pcapng file as fast as possible.</source>
        <translation>Lire un fichier pcap/pcapng aussi vite que possible.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --replay: keep the recorded pace.</source>
        <translation>Avec --replay : respecter le rythme enregistré.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --headless and --replay: exit when the replay is done.</source>
        <translation>Avec --headless et --replay : quitter à la fin de la relecture.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a proxy JSON-RPC feed, e.g. http://user:pw@127.0.0.1:5071/RPC; repeatable.</source>
        <translation>Ajouter le flux JSON-RPC d’un proxy, p. ex. http://user:pw@127.0.0.1:5071/RPC ; répétable.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a proxy read from its dialog database (Kamailio&apos;s dialog table, read-only, no actions), e.g. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 or postgresql://user:pw@host/kamailio; repeatable.</source>
        <translation>Ajouter un proxy lu depuis sa base de dialogues (la table dialog de Kamailio, en lecture seule, sans actions), p. ex. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 ou postgresql://user:pw@host/kamailio ; répétable.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Join a Kamailio DMQ bus as a passive node at this UDP address and receive the cluster&apos;s dialogs as they change (needs --dmq-notify).</source>
        <translation>Rejoindre un bus DMQ Kamailio comme nœud passif à cette adresse UDP et recevoir les dialogues du cluster à chaque changement (nécessite --dmq-notify).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --dmq: the DMQ address of a Kamailio node to register with (its dmq server_address); repeatable.</source>
        <translation>Avec --dmq : l’adresse DMQ d’un nœud Kamailio auprès duquel s’enregistrer (son server_address dmq) ; répétable.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: ping every node this often to see it is up (default 10).</source>
        <translation>Avec --dmq : envoyer un ping à chaque nœud à cet intervalle pour vérifier qu’il est en ligne (par défaut : 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: KDMQ requests per second one node may send; more are refused (default 20000).</source>
        <translation>Avec --dmq : requêtes KDMQ par seconde qu’un nœud peut envoyer ; au-delà, elles sont refusées (par défaut : 20000).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --headless: answer Kamailio-compatible JSON-RPC at http://ADDR:PORT/RPC.</source>
        <translation>Avec --headless : répondre en JSON-RPC compatible Kamailio sur http://ADDR:PORT/RPC.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --serve-rpc: every request must carry &apos;Authorization: Bearer TOKEN&apos;; needed to serve on an address other than loopback.</source>
        <translation>Avec --serve-rpc : chaque requête doit porter &apos;Authorization: Bearer TOKEN&apos; ; nécessaire pour servir sur une adresse autre que la boucle locale.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --serve-rpc: compact JSON replies instead of tab-indented ones.</source>
        <translation>Avec --serve-rpc : réponses JSON compactes au lieu de réponses indentées par tabulations.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local socket for the in-dialog requests the console sends itself.</source>
        <translation>Socket local pour les requêtes intra-dialogue que la console envoie elle-même.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog store: sqlite:///path or postgresql://user:pw@host/db.</source>
        <translation>Stockage des dialogues : sqlite:///chemin ou postgresql://user:pw@hôte/base.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store mode as the dialog module&apos;s db_mode: 0 none, 1 real-time, 2 delayed, 3 on shutdown.</source>
        <translation>Mode de stockage comme le db_mode du module dialog : 0 aucun, 1 temps réel, 2 différé, 3 à l’arrêt.</translation>
    </message>
    <message>
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation type="vanished">Écrire un instantané à la sortie : .json (forme de dlg.list), .csv ou .pcap.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write on exit: .json (dlg.list shape), .csv, .pcap (every dialog&apos;s messages), an incident pack .tar/.tar.gz or a snapshot .cdsnap (File → Open snapshot).</source>
        <translation>Écrire à la sortie : .json (forme de dlg.list), .csv, .pcap (messages de chaque dialogue), une archive d’incident .tar/.tar.gz ou un instantané .cdsnap (Fichier → Ouvrir un instantané).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print one JSON summary line on exit (messages, dialogs, rates, drops).</source>
        <translation>Afficher une ligne de résumé JSON à la sortie (messages, dialogues, débits, pertes).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse every control action.</source>
        <translation>Refuser toute action de contrôle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User-interface language, e.g. de, fr or es (default: system).</source>
        <translation>Langue de l’interface, p. ex. de, fr ou es (par défaut : celle du système).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A snapshot file to open (File → Open snapshot…).</source>
        <translation>Fichier d’instantané à ouvrir (Fichier → Ouvrir un instantané…).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck : %1 Lancez « calldeck --help » pour la liste des options.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>calldeck: unexpected argument &apos;%1&apos;; options start with --. Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck : argument inattendu « %1 » ; les options commencent par --. Lancez « calldeck --help » pour la liste des options.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>calldeck: --hep off cannot be combined with --hep ADDR:PORT; give either listeners or off.</source>
        <translation>calldeck : --hep off ne peut pas être combiné avec --hep ADDR:PORT ; indiquez soit des écoutes, soit off.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --hep-key needs a non-empty KEY, the auth key your HEP agent sends (Kamailio: siptrace&apos;s auth_key).</source>
        <translation>calldeck : --hep-key demande une clé KEY non vide, celle qu’envoie votre agent HEP (Kamailio : auth_key de siptrace).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --hep-key has no effect with --hep off; drop one of them.</source>
        <translation>calldeck : --hep-key n’a aucun effet avec --hep off ; retirez l’une des deux options.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --replay needs a pcap or pcapng FILE.</source>
        <translation>calldeck : --replay demande un fichier FILE pcap ou pcapng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --replay: no such file &apos;%1&apos;; check the path.</source>
        <translation>calldeck : --replay : fichier « %1 » introuvable ; vérifiez le chemin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay: cannot read &apos;%1&apos;; check its permissions.</source>
        <translation>calldeck : --replay : impossible de lire « %1 » ; vérifiez ses permissions.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay-pace only applies to --replay FILE; add --replay or drop --replay-pace.</source>
        <translation>calldeck : --replay-pace ne s’applique qu’à --replay FILE ; ajoutez --replay ou retirez --replay-pace.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --exit-after-replay needs both --headless and --replay FILE.</source>
        <translation>calldeck : --exit-after-replay demande à la fois --headless et --replay FILE.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --rpc &apos;%1&apos; is not an http:// or https:// URL with a host; write e.g. --rpc http://user:pw@127.0.0.1:5071/RPC</source>
        <translation>calldeck : --rpc « %1 » n’est pas une URL http:// ou https:// avec un hôte ; écrivez p. ex. --rpc http://user:pw@127.0.0.1:5071/RPC</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc &apos;%1&apos;: port 0 is not allowed; use 1-65535.</source>
        <translation>calldeck : --rpc « %1 » : le port 0 n’est pas permis ; utilisez 1-65535.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --proxy-db: %1</source>
        <translation>calldeck : --proxy-db : %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: %1</source>
        <translation>calldeck : %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck : --serve-rpc ne fonctionne qu’avec --headless ; ajoutez --headless ou retirez l’option.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token needs a non-empty TOKEN, e.g. the output of &apos;openssl rand -hex 16&apos;.</source>
        <translation>calldeck : --rpc-token exige un TOKEN non vide, par exemple la sortie de &apos;openssl rand -hex 16&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-token.</source>
        <translation>calldeck : --rpc-token ne s’applique qu’à --serve-rpc ADDR:PORT ; ajoutez --serve-rpc ou retirez --rpc-token.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc-compact only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-compact.</source>
        <translation>calldeck : --rpc-compact ne s’applique qu’à --serve-rpc ADDR:PORT ; ajoutez --serve-rpc ou retirez --rpc-compact.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck : --db « %1 » n’est pas une URL de stockage ; écrivez sqlite:///chemin/vers/calldeck.db ou postgresql://user:pw@hôte:5432/base</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck : --db-mode « %1 » est hors limites ; utilisez 0 (aucun), 1 (temps réel), 2 (différé) ou 3 (à l’arrêt).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in %2.</source>
        <translation>calldeck : --export « %1 » : format inconnu ; le nom de fichier doit se terminer par %2.</translation>
    </message>
    <message>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation type="vanished">calldeck : --export « %1 » : format inconnu ; le nom de fichier doit se terminer par .json, .csv ou .pcap.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck : --lang « %1 » n’est pas un code de langue ; écrivez p. ex. --lang de, --lang fr ou --lang es_MX.</translation>
    </message>
    <message>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it.</source>
        <translation type="vanished">calldeck : %1 n’est pas encore disponible (arrive avec %2) ; lancez sans cette option.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 works only with --headless so far (the console window does not write it on exit yet); add --headless or run without it.</source>
        <translation>calldeck : %1 ne fonctionne pour l’instant qu’avec --headless (la fenêtre de la console ne l’écrit pas encore à la sortie) ; ajoutez --headless ou lancez sans cette option.</translation>
    </message>
    <message>
        <source>calldeck: --export to .%1 is not available yet (it arrives with issue #8); export to a .json file for now.</source>
        <translation type="vanished">calldeck : --export vers .%1 n’est pas encore disponible (arrive avec l’issue #8) ; exportez pour l’instant vers un fichier .json.</translation>
    </message>
    <message>
        <source>the JSON-RPC feed</source>
        <translation type="vanished">le flux JSON-RPC</translation>
    </message>
    <message>
        <source>the console&apos;s control actions</source>
        <translation type="vanished">les actions de contrôle de la console</translation>
    </message>
    <message>
        <source>the dialog store</source>
        <translation type="vanished">le stockage des dialogues</translation>
    </message>
</context>
<context>
    <name>DialogActions</name>
    <message>
        <location filename="../ui/dialogactions.cpp" line="+165"/>
        <source>&amp;Terminate…</source>
        <translation>&amp;Terminer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate &amp;caller side…</source>
        <translation>Terminer côté &amp;appelant…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate ca&amp;llee side…</source>
        <translation>Terminer côté appe&amp;lé…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ransfer…</source>
        <translation>T&amp;ransférer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change time&amp;out…</source>
        <translation>Modifier le &amp;délai…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;profile…</source>
        <translation>Ajouter à un pro&amp;fil…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unset profile…</source>
        <translation>R&amp;etirer d’un profil…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;variable…</source>
        <translation>Définir une &amp;variable…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Bridge (click-to-dial)…</source>
        <translation>&amp;Ponter (click-to-dial)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate all matching…</source>
        <translation>Terminer tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate caller side of all matching…</source>
        <translation>Terminer côté appelant tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate callee side of all matching…</source>
        <translation>Terminer côté appelé tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer all matching…</source>
        <translation>Transférer tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change timeout of all matching…</source>
        <translation>Modifier le délai de tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set profile on all matching…</source>
        <translation>Ajouter à un profil tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unset profile on all matching…</source>
        <translation>Retirer d’un profil tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set variable on all matching…</source>
        <translation>Définir une variable sur tous les dialogues correspondants…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End the selected calls: a BYE to both parties</source>
        <translation>Terminer les appels sélectionnés : un BYE aux deux parties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of the selected calls</source>
        <translation>Envoyer un BYE à l’appelant des appels sélectionnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of the selected calls</source>
        <translation>Envoyer un BYE à l’appelé des appels sélectionnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer the selected calls with a REFER to one party</source>
        <translation>Transférer les appels sélectionnés par un REFER à une partie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected dialogs a new lifetime</source>
        <translation>Donner une nouvelle durée de vie aux dialogues sélectionnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected dialogs to a profile</source>
        <translation>Ajouter les dialogues sélectionnés à un profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected dialogs from a profile</source>
        <translation>Retirer les dialogues sélectionnés d’un profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a dialog variable on the selected dialogs</source>
        <translation>Définir une variable de dialogue sur les dialogues sélectionnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call one party and connect it to another (dlg.bridge_dlg)</source>
        <translation>Appeler une partie et la mettre en relation avec une autre (dlg.bridge_dlg)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Dialog</source>
        <translation>Dia&amp;logue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All dialogs matching the filter</source>
        <translation>Tous les dialogues &amp;correspondant au filtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Read-only mode</source>
        <translation>&amp;Mode lecture seule</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started with --read-only: restart CallDeck without it to allow actions</source>
        <translation>Lancé avec --read-only : redémarrez CallDeck sans cette option pour autoriser les actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse every control action (kept across restarts)</source>
        <translation>Refuser toute action de contrôle (conservé après un redémarrage)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit log…</source>
        <translation>Journal d’&amp;audit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every control action attempt: who, when, which dialogs, which way, the result</source>
        <translation>Chaque tentative d’action de contrôle : qui, quand, quels dialogues, par quel chemin, avec quel résultat</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Read-only mode (--read-only): every control action is refused. Restart CallDeck without --read-only to act on dialogs.</source>
        <translation>Mode lecture seule (--read-only) : toute action de contrôle est refusée. Redémarrez CallDeck sans --read-only pour agir sur les dialogues.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only mode: every control action is refused. Turn it off in Settings → Read-only mode to act on dialogs.</source>
        <translation>Mode lecture seule : toute action de contrôle est refusée. Désactivez-le dans Réglages → Mode lecture seule pour agir sur les dialogues.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This window has no dialog control: actions are not available.</source>
        <translation>Cette fenêtre n’a pas de contrôle des dialogues : les actions ne sont pas disponibles.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>Goes via %1</source>
        <translation>Passe par %1</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Not possible: %1</source>
        <translation>Impossible : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dialog matches the filter.</source>
        <translation>Aucun dialogue ne correspond au filtre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one or more dialogs in the table first.</source>
        <translation>Sélectionnez d’abord un ou plusieurs dialogues dans le tableau.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not possible for this dialog: %1</source>
        <translation>Impossible pour ce dialogue : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not possible for any of these dialogs: %1</source>
        <translation>Impossible pour tous ces dialogues : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 dialogs cannot (they will be skipped): %3</source>
        <translation>%1 dialogues sur %2 ne le permettent pas (ils seront ignorés) : %3</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n dialogue</numerusform>
            <numerusform>%n dialogues</numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: done</source>
        <translation>%1 : effectué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: done via %2</source>
        <translation>%1 : effectué via %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed</source>
        <translation>%1 : échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed (%2): %3</source>
        <translation>%1 : échec (%2) : %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Path: %1</source>
        <translation>Chemin : %1</translation>
    </message>
</context>
<context>
    <name>DialogDetailsDock</name>
    <message>
        <location filename="../ui/dialogdetailsdock.cpp" line="+91"/>
        <source>Dialog details</source>
        <translation>Détails du dialogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the details and call flow of the selected dialog</source>
        <translation>Afficher ou masquer les détails et le diagramme d’appel du dialogue sélectionné</translation>
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
        <translation>Route set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dialog</source>
        <translation>Dialogue</translation>
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
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller leg</source>
        <translation>Côté appelant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee leg</source>
        <translation>Côté appelé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timers</source>
        <translation>Minuteurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in %1, at %2</source>
        <extracomment>The dialog&apos;s lifetime timer: %1 the time left (H:MM:SS), %2 the date and time it fires</extracomment>
        <translation>dans %1, à %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout</source>
        <translation>Délai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lifetime</source>
        <translation>Durée de vie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout route</source>
        <translation>Route d’expiration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flags</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog flags</source>
        <translation>Indicateurs du dialogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Script flags</source>
        <translation>Indicateurs de script</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal flags</source>
        <translation>Indicateurs internes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no value)</source>
        <translation>(aucune valeur)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
</context>
<context>
    <name>DialogDetailsPane</name>
    <message>
        <location filename="../ui/dialogdetailspane.cpp" line="+305"/>
        <source>%1: %2 → %3</source>
        <extracomment>Title of the details pane: %1 the dialog&apos;s state, %2 its From URI, %3 its To URI</extracomment>
        <translation>%1 : %2 → %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This dialog has ended and the core no longer holds it; its last known state is shown. Select another dialog in the table.</source>
        <translation>Ce dialogue est terminé et le cœur ne le détient plus ; son dernier état connu est affiché. Sélectionnez un autre dialogue dans le tableau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The core no longer holds this dialog. Select another dialog in the table.</source>
        <translation>Le cœur ne détient plus ce dialogue. Sélectionnez un autre dialogue dans le tableau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This dialog had ended at %1 when the snapshot was taken.</source>
        <translation>Ce dialogue s’était terminé à %1 lorsque l’instantané a été pris.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This dialog had ended when the snapshot was taken.</source>
        <translation>Ce dialogue était terminé lorsque l’instantané a été pris.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This dialog ended at %1. It stays in the table for a while, then moves to the history.</source>
        <translation>Ce dialogue s’est terminé à %1. Il reste un moment dans le tableau, puis passe dans l’historique.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This dialog has ended. It stays in the table for a while, then moves to the history.</source>
        <translation>Ce dialogue est terminé. Il reste un moment dans le tableau, puis passe dans l’historique.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its proxy did not answer the last poll: this may be out of date. The Sources panel says why.</source>
        <translation>Son proxy n’a pas répondu à la dernière interrogation : ces informations peuvent être périmées. Le panneau Sources indique pourquoi.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No SIP seen on the mirror for this dialog: only the proxy %1 lists it (over JSON-RPC), so there is no call flow to draw. Send the proxy&apos;s SIP to CallDeck&apos;s mirror port to see it.</source>
        <translation>Aucun SIP vu sur le miroir pour ce dialogue : seul le proxy %1 le liste (via JSON-RPC), il n’y a donc pas de diagramme d’appel à dessiner. Envoyez le SIP du proxy vers le port miroir de CallDeck pour le voir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the call flow…</source>
        <translation>Lecture du diagramme d’appel…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No messages of this dialog are kept: the message history is off, or they were dropped to stay within its memory cap.</source>
        <translation>Aucun message de ce dialogue n’est conservé : l’historique des messages est désactivé, ou ils ont été supprimés pour respecter sa limite de mémoire.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing the newest %1 messages; older ones were dropped (the history keeps %1 per dialog).</source>
        <translation>Affichage des %1 messages les plus récents ; les plus anciens ont été supprimés (l’historique en conserve %1 par dialogue).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Call flow (%1)</source>
        <translation>Diagramme d’appel (%1)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog</source>
        <translation>Dialogue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click an arrow of the call flow (or move with Up and Down) to see its message.</source>
        <translation>Cliquez sur une flèche du diagramme d’appel (ou déplacez-vous avec Haut et Bas) pour voir son message.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n dialogs selected: select one to see its legs, timers and call flow.</source>
        <translation>
            <numerusform>%n dialogue sélectionné : sélectionnez-en un seul pour voir ses côtés appelant et appelé, ses minuteurs et son diagramme d’appel.</numerusform>
            <numerusform>%n dialogues sélectionnés : sélectionnez-en un seul pour voir ses côtés appelant et appelé, ses minuteurs et son diagramme d’appel.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a dialog in the table to see its legs, timers and call flow.</source>
        <translation>Sélectionnez un dialogue dans le tableau pour voir ses côtés appelant et appelé, ses minuteurs et son diagramme d’appel.</translation>
    </message>
</context>
<context>
    <name>DialogFormat</name>
    <message>
        <location filename="../ui/models/dialogformat.cpp" line="+60"/>
        <source>Unconfirmed</source>
        <translation>Non confirmé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early</source>
        <translation>Précoce</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed (no ACK)</source>
        <translation>Confirmé (sans ACK)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown (%1)</source>
        <translation>Inconnu (%1)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact: %1</source>
        <translation>Contact : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag: %1</source>
        <translation>Tag : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSeq: %1</source>
        <translation>CSeq : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Socket: %1</source>
        <translation>Socket : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route set: %1</source>
        <translation>Route set : %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>stale</source>
        <translation>périmé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ended on wire</source>
        <translation>terminé sur le réseau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not on proxy</source>
        <translation>absent du proxy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ghost?</source>
        <translation>fantôme ?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seen on the mirror and listed by the proxy (its h_entry %1, h_id %2).</source>
        <translation>Vu sur le miroir et listé par le proxy (son h_entry %1, h_id %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stale: the proxy did not answer its last poll; this is the last state it reported.</source>
        <translation>Périmé : le proxy n’a pas répondu à sa dernière interrogation ; c’est le dernier état qu’il a signalé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mirror saw this call end, but the proxy still lists it.</source>
        <translation>Le miroir a vu cet appel se terminer, mais le proxy le liste encore.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seen on the mirror, but no polled proxy lists it.</source>
        <translation>Vu sur le miroir, mais aucun proxy interrogé ne le liste.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No in-dialog traffic for a long time: possibly a ghost dialog.</source>
        <translation>Aucun trafic intra-dialogue depuis longtemps : peut-être un dialogue fantôme.</translation>
    </message>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+84"/>
        <source>%1 (state %2) since %3</source>
        <translation>%1 (état %2) depuis %3</translation>
    </message>
</context>
<context>
    <name>DialogHistoryModel</name>
    <message>
        <location filename="../ui/models/dialoghistorymodel.cpp" line="+114"/>
        <source>Answered %1</source>
        <translation>Répondu le %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not answered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caller
%1</source>
        <translation>Appelant
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Appelé
%1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>État</translation>
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
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller contact</source>
        <translation>Contact de l’appelant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contact de l’appelé</translation>
    </message>
</context>
<context>
    <name>DialogTableModel</name>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+6"/>
        <source>Ended: the row leaves the table shortly.</source>
        <translation>Terminé : la ligne quittera bientôt le tableau.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not answered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered %1</source>
        <translation>Répondu le %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In this state since %1</source>
        <translation>Dans cet état depuis le %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No lifetime timer (lifetime %1 s)</source>
        <translation>Pas de minuteur de durée de vie (durée de vie %1 s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires %1 (lifetime %2 s)</source>
        <translation>Expire le %1 (durée de vie %2 s)</translation>
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
        <translation>Appelant
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Appelé
%1</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>SIP header %1 of the initial INVITE (mirror dialogs only)</source>
        <translation>En-tête SIP %1 de l’INVITE initial (dialogues du miroir uniquement)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dialog state (dlg.list state 1-5)</source>
        <translation>État du dialogue (état dlg.list 1-5)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From URI</source>
        <translation>URI From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To URI</source>
        <translation>URI To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time since the 2xx answer (to the end once ended)</source>
        <translation>Temps écoulé depuis la réponse 2xx (jusqu’à la fin une fois terminé)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time spent in the current state</source>
        <translation>Temps passé dans l’état actuel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State age</source>
        <translation>Âge de l’état</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left on the lifetime timer</source>
        <translation>Temps restant du minuteur de durée de vie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Timeout</source>
        <translation>Délai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the dialog was seen: the mirror, a proxy, a cluster node</source>
        <translation>Où le dialogue a été vu : le miroir, un proxy, un nœud du cluster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>Origine</translation>
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
        <translation>Contact de l’appelant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contact de l’appelé</translation>
    </message>
</context>
<context>
    <name>DmqHealthText</name>
    <message>
        <location filename="../ui/dmqhealthtext.cpp" line="+19"/>
        <source>DMQ bus</source>
        <extracomment>The row of CallDeck&apos;s own node on a Kamailio DMQ bus (--dmq)</extracomment>
        <translation>Bus DMQ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DMQ node (notify)</source>
        <extracomment>A DMQ node that CallDeck announces itself to (--dmq-notify)</extracomment>
        <translation>Nœud DMQ (notify)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DMQ node</source>
        <translation>Nœud DMQ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeout</source>
        <translation>Délai dépassé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · no node yet</source>
        <extracomment>The bus row: CallDeck&apos;s own node knows no other node yet</extracomment>
        <translation>%1 · aucun nœud pour l’instant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 of %3 nodes up</source>
        <extracomment>The bus row: %1 CallDeck&apos;s own status, %2 of the %3 nodes of the cluster are active</extracomment>
        <translation>%1 · %2 nœuds actifs sur %3</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n dialogue</numerusform>
            <numerusform>%n dialogues</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck&apos;s own node on the bus: %1</source>
        <translation>Nœud propre de CallDeck sur le bus : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs from the whole cluster: %1</source>
        <translation>Dialogues de tout le cluster : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owners: %1 certain, %2 from the nodes&apos; h_id series (step %3), %4 not known yet</source>
        <translation>Propriétaires : %1 certains, %2 déduits des séries h_id des nœuds (pas %3), %4 encore inconnus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Owners: %1 certain, %2 not known yet (shown under the node that sent a copy)</source>
        <translation>Propriétaires : %1 certains, %2 encore inconnus (affichés sous le nœud qui a envoyé une copie)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status: %1</source>
        <translation>Statut : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notification peer (--dmq-notify): CallDeck announces itself here and learns the other nodes from its answer.</source>
        <translation>Pair de notification (--dmq-notify) : CallDeck s’y annonce et apprend les autres nœuds par sa réponse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs it owns: %1</source>
        <translation>Dialogues qu’il détient : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · node lists and pings %7)</source>
        <translation>Messages : %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · listes de nœuds et pings %7)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last message: %1</source>
        <translation>Dernier message : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last message: %1 · last answer to a ping: %2</source>
        <translation>Dernier message : %1 · dernière réponse à un ping : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last sync: %1, %n dialog(s)</source>
        <translation>
            <numerusform>Dernière synchronisation : %1, %n dialogue</numerusform>
            <numerusform>Dernière synchronisation : %1, %n dialogues</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync: none yet</source>
        <translation>Dernière synchronisation : aucune pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected: %1 (malformed or unknown) · flood drops: %2 (over the rate limit)</source>
        <translation>Rejetés : %1 (malformés ou inconnus) · pertes par saturation : %2 (au-delà de la limite de débit)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n ping(s) in a row without an answer</source>
        <translation>
            <numerusform>%n ping sans réponse d’affilée</numerusform>
            <numerusform>%n pings sans réponse d’affilée</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: CallDeck is not on the bus. Check --dmq and --dmq-notify, and that the notification peer&apos;s dmq module listens on that address.</source>
        <translation>%1 : CallDeck n’est pas sur le bus. Vérifiez --dmq et --dmq-notify, et que le module dmq du pair de notification écoute sur cette adresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no answer to the pings. Check that the proxy runs and that its dmq module listens on this address.</source>
        <translation>%1 : aucune réponse aux pings. Vérifiez que le proxy fonctionne et que son module dmq écoute sur cette adresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the node left the bus or stopped answering; its dialogs are stale. Restart it, or remove it on a peer with kamcmd dmq.remove.</source>
        <translation>%1 : le nœud a quitté le bus ou ne répond plus ; ses dialogues sont périmés. Redémarrez-le, ou retirez-le sur un pair avec kamcmd dmq.remove.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: see the event log.</source>
        <translation>%1 : voir le journal des événements.</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+216"/>
        <source>No dialogs yet</source>
        <translation>Aucun dialogue pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck affiche en direct chaque dialogue SIP qu’il voit et vous permet d’agir dessus. Fournissez-lui du SIP de l’une de ces façons :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No dialogs right now</source>
        <translation>Aucun dialogue pour le moment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs seen so far: %1; all of them have ended. CallDeck lists every new one live as soon as SIP arrives in one of these ways:</source>
        <translation>Dialogues vus jusqu’ici : %1 ; tous sont terminés. CallDeck affiche chaque nouveau dialogue en direct dès que du SIP arrive de l’une de ces façons :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1. Mirror a Kamailio proxy</source>
        <translation>1. Mettre un proxy Kamailio en miroir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add these lines to %1 and restart Kamailio. The siptrace module then copies every SIP message it receives or sends, as HEPv3, to CallDeck&apos;s mirror port %2.</source>
        <translation>Ajoutez ces lignes à %1 et redémarrez Kamailio. Le module siptrace copie alors chaque message SIP reçu ou envoyé, en HEPv3, vers le port miroir %2 de CallDeck.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these lines to the clipboard</source>
        <translation>Copier ces lignes dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck listens on this port unless it was started with other --hep options or --hep off; the Sources panel shows whether the port is open.</source>
        <translation>CallDeck écoute sur ce port, sauf s’il a été lancé avec d’autres options --hep ou avec --hep off ; le panneau Sources indique si le port est ouvert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>2. Replay a capture</source>
        <translation>2. Rejouer une capture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1 (%2) to replay a pcap or pcapng file.</source>
        <translation>Choisissez %1 (%2) pour rejouer un fichier pcap ou pcapng.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open capture…</source>
        <translation>Fichier → Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open capture…</source>
        <translation>Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3. Poll a proxy&apos;s JSON-RPC</source>
        <translation>3. Interroger le JSON-RPC d’un proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start CallDeck with %1 (repeatable, one per proxy), e.g. %2. The proxy needs the jsonrpcs and xhttp modules; for transfers, timeout changes, profiles and variables also include %3 in its config. Proxies appear in the Sources panel with their health.</source>
        <translation>Lancez CallDeck avec %1 (répétable, une fois par proxy), p. ex. %2. Le proxy a besoin des modules jsonrpcs et xhttp ; pour les transferts, les changements de délai, les profils et les variables, incluez aussi %3 dans sa configuration. Les proxys apparaissent dans le panneau Sources avec leur état de santé.</translation>
    </message>
    <message>
        <source>Watching a proxy through Kamailio&apos;s jsonrpcs module (%1, repeatable for several proxies) is not available yet: it arrives with the proxy feed (issue #5). Until then, mirror the proxy (1.) or replay a capture (2.).</source>
        <translation type="vanished">Surveiller un proxy via le module jsonrpcs de Kamailio (%1, répétable pour plusieurs proxys) n’est pas encore disponible : cela arrive avec le flux proxy (ticket #5). En attendant, mettez le proxy en miroir (1.) ou rejouez une capture (2.).</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../app/engine.cpp" line="+98"/>
        <source>That is the default listener; pick another with --hep ADDR:PORT, or switch it off with --hep off.</source>
        <translation>C’est l’écoute par défaut ; choisissez-en une autre avec --hep ADDR:PORT, ou désactivez-la avec --hep off.</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <location filename="../ui/eventlogmodel.cpp" line="+116"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../ui/exportmenu.cpp" line="+61"/>
        <source>Export table as CSV</source>
        <translation>Exporter le tableau en CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export table as JSON</source>
        <translation>Exporter le tableau en JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+123"/>
        <source>Export selected dialogs as pcap</source>
        <translation>Exporter les dialogues sélectionnés en pcap</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Captures (*.pcap)</source>
        <translation>Captures (*.pcap)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;CSV…</source>
        <translation>Tableau en &amp;CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, with the visible columns, as a spreadsheet file</source>
        <translation>Les dialogues affichés par le filtre, avec les colonnes visibles, dans un fichier tableur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;JSON…</source>
        <translation>Tableau en &amp;JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, in the shape of Kamailio&apos;s dlg.list</source>
        <translation>Les dialogues affichés par le filtre, sous la forme du dlg.list de Kamailio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected dialogs as &amp;pcap…</source>
        <translation>Dialogues sélectionnés en &amp;pcap…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected dialogs&apos; SIP messages as a capture for Wireshark</source>
        <translation>Les messages SIP des dialogues sélectionnés, sous forme de capture pour Wireshark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incident pack…</source>
        <translation>&amp;Archive d’incident…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One archive with the table, the dialogs, their messages, the charts and a manifest</source>
        <translation>Une seule archive avec le tableau, les dialogues, leurs messages, les graphiques et un manifeste</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This window reads no dialog core, so there are no messages to export.</source>
        <translation>Cette fenêtre ne lit aucun cœur de dialogues : il n’y a donc aucun message à exporter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No dialog is selected. Select the dialogs whose messages you want in the table (Ctrl+click adds more), then choose Export → Selected dialogs as pcap… again.</source>
        <translation>Aucun dialogue n’est sélectionné. Sélectionnez dans le tableau les dialogues dont vous voulez les messages (Ctrl+clic pour en ajouter), puis choisissez à nouveau Exporter → Dialogues sélectionnés en pcap….</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The selected dialogs are known only from a proxy&apos;s dlg.list: none of their messages reached CallDeck&apos;s mirror port. Let the proxy mirror its SIP to CallDeck (siptrace or HEP) to capture the messages of new calls.</source>
        <translation>Les dialogues sélectionnés ne sont connus que par le dlg.list d’un proxy : aucun de leurs messages n’a atteint le port miroir de CallDeck. Faites envoyer au proxy une copie miroir de son SIP vers CallDeck (siptrace ou HEP) pour capturer les messages des nouveaux appels.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Another export is still running; wait for it or cancel it, then export again.</source>
        <translation>Un autre export est encore en cours ; attendez sa fin ou annulez-le, puis exportez à nouveau.</translation>
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
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The export to %1 was cancelled; nothing was written.</source>
        <translation>L’export vers %1 a été annulé ; rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export to %1 stopped: the dialog core did not answer in time, so nothing was written. Try again in a moment, or export fewer dialogs.</source>
        <translation>L’export vers %1 s’est arrêté : le cœur des dialogues n’a pas répondu à temps, rien n’a donc été écrit. Réessayez dans un moment, ou exportez moins de dialogues.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be written (%2). Choose a folder you can write to, or free some space, and export again.</source>
        <translation>Impossible d’écrire %1 (%2). Choisissez un dossier accessible en écriture, ou libérez de l’espace, puis exportez à nouveau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export to %1 could not be made (%2).</source>
        <translation>L’export vers %1 n’a pas pu être réalisé (%2).</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Exported %n dialog(s) to %1</source>
        <translation>
            <numerusform>%n dialogue exporté vers %1</numerusform>
            <numerusform>%n dialogues exportés vers %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported %n message(s) to %1</source>
        <translation>
            <numerusform>%n message exporté vers %1</numerusform>
            <numerusform>%n messages exportés vers %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Incident pack with %n dialog(s) written to %1</source>
        <translation>
            <numerusform>Archive d’incident de %n dialogue écrite dans %1</numerusform>
            <numerusform>Archive d’incident de %n dialogues écrite dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source> (%n message(s) too large for a UDP frame left out)</source>
        <translation>
            <numerusform> (%n message omis, trop grand pour une trame UDP)</numerusform>
            <numerusform> (%n messages omis, trop grands pour une trame UDP)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../ui/filterbar.cpp" line="+77"/>
        <location line="+258"/>
        <location line="+110"/>
        <source>any value</source>
        <translation>toute valeur</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+110"/>
        <source>(empty value)</source>
        <translation>(valeur vide)</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 of %2 dialogs</source>
        <extracomment>%1 dialogs the filter shows, %2 all the table&apos;s dialogs</extracomment>
        <translation>%1 dialogues sur %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 dialog</source>
        <translation>1 dialogue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 dialogs</source>
        <translation>%1 dialogues</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Any state</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+73"/>
        <source>Mirror</source>
        <translation>Miroir</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+53"/>
        <source>Saved filters</source>
        <translation>Filtres enregistrés</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Save filter</source>
        <translation>Enregistrer le filtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name for the current filter (a saved filter of that name is replaced):</source>
        <translation>Nom du filtre actuel (un filtre enregistré sous ce nom est remplacé) :</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search Call-ID, From, To, profiles, origin, contacts, headers (Ctrl+F)</source>
        <translation>Rechercher Call-ID, From, To, profils, origine, contacts, en-têtes (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the dialogs whose texts contain this, in any case; Esc clears every filter</source>
        <translation>Affiche les dialogues dont les textes contiennent cette chaîne, sans tenir compte de la casse ; Échap efface tous les filtres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs in the checked states</source>
        <translation>N’afficher que les dialogues dans les états cochés</translation>
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
        <translation>N’afficher que les dialogues de ce profil (nom exact)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With a profile: show only dialogs with this value in it (exact)</source>
        <translation>Avec un profil : n’afficher que les dialogues ayant cette valeur dans le profil (valeur exacte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile value</source>
        <translation>Valeur du profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any origin</source>
        <translation>Toutes les origines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs seen on the mirror, or listed by this proxy</source>
        <translation>N’afficher que les dialogues vus sur le miroir, ou listés par ce proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older than</source>
        <translation>Plus ancien que</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any age</source>
        <translation>Tout âge</translation>
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
        <translation>N’afficher que les dialogues dont l’INVITE date d’au moins ce nombre de minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From, e.g. sip:+4930*</source>
        <translation>From, p. ex. sip:+4930*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole From URI: * any text, ? one character; any case</source>
        <translation>Caractères génériques sur toute l’URI From : * n’importe quel texte, ? un caractère ; casse ignorée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To, e.g. *@carrier.example</source>
        <translation>To, p. ex. *@carrier.example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole To URI: * any text, ? one character; any case</source>
        <translation>Caractères génériques sur toute l’URI To : * n’importe quel texte, ? un caractère ; casse ignorée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop every filter (Esc)</source>
        <translation>Retirer tous les filtres (Échap)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply a saved filter</source>
        <translation>Appliquer un filtre enregistré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the current filter under a name</source>
        <translation>Enregistrer le filtre actuel sous un nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved filter chosen in the list</source>
        <translation>Supprimer le filtre enregistré choisi dans la liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter dialogs</source>
        <translation>&amp;Filtrer les dialogues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the keyboard focus to the dialog filter</source>
        <translation>Placer le focus clavier sur le filtre des dialogues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>HeadlessExport</name>
    <message>
        <location filename="../app/headlessexport.cpp" line="+99"/>
        <source>calldeck: --export %1: %2; nothing was written.</source>
        <translation>calldeck : --export %1 : %2 ; rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --export %1: unknown format; the file name must end in %2.</source>
        <translation>calldeck : --export %1 : format inconnu ; le nom de fichier doit se terminer par %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export %1: the dialog core did not answer in time; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck : --export %1 : le cœur des dialogues n’a pas répondu à temps ; rien n’a été écrit. Réessayez, ou exportez à un moment moins chargé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --export %1: cannot write there (%2).</source>
        <translation>calldeck : --export %1 : impossible d’écrire à cet endroit (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: --export %1: %2.</source>
        <translation>calldeck : --export %1 : %2.</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <location filename="../app/headlessrunner.cpp" line="+106"/>
        <location line="+8"/>
        <source>calldeck: %1</source>
        <translation>calldeck : %1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>calldeck: cannot watch SIGINT/SIGTERM (%1); check the open-files limit (ulimit -n) and retry.</source>
        <translation>calldeck : impossible de surveiller SIGINT/SIGTERM (%1) ; vérifiez la limite de fichiers ouverts (ulimit -n) et réessayez.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>calldeck: cannot listen for HEP/SIP on %1: %2</source>
        <translation>calldeck : impossible d’écouter HEP/SIP sur %1 : %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --rpc: %1</source>
        <translation>calldeck : --rpc : %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --dmq: %1; choose a free port for --dmq</source>
        <translation>calldeck : --dmq : %1 ; choisissez un port libre pour --dmq</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --sip %1: %2</source>
        <translation>calldeck : --sip %1 : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: the embedded SIP user agent did not start (%1); actions on mirror-only dialogs are refused. Give it an address with --sip ADDR:PORT.</source>
        <translation>calldeck : l’agent utilisateur SIP intégré n’a pas démarré (%1) ; les actions sur les dialogues vus seulement par le miroir sont refusées. Donnez-lui une adresse avec --sip ADDR:PORT.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --serve-rpc %1: cannot resolve &apos;%2&apos; (%3); use an IP address such as 127.0.0.1.</source>
        <translation>calldeck : --serve-rpc %1 : impossible de résoudre &apos;%2&apos; (%3) ; utilisez une adresse IP comme 127.0.0.1.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>calldeck: headless engine running (%1 clock).</source>
        <translation>calldeck : moteur sans fenêtre en marche (horloge : %1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: listening for HEP/SIP on udp %1:%2 and tcp %1:%3</source>
        <translation>calldeck : écoute HEP/SIP sur udp %1:%2 et tcp %1:%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: watching proxy %1 at %2</source>
        <translation>calldeck : surveillance du proxy %1 sur %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: SIP user agent on udp and tcp %1:%2</source>
        <translation>calldeck : agent utilisateur SIP sur udp et tcp %1:%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: read-only: control actions are refused</source>
        <translation>calldeck : lecture seule : les actions de contrôle sont refusées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: serving JSON-RPC at %1%2</source>
        <translation>calldeck : JSON-RPC servi à %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (bearer token required)</source>
        <translation> (jeton bearer requis)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replaying %1%2</source>
        <translation>calldeck : relecture de %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> at the recorded pace</source>
        <translation> au rythme enregistré</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: stop with Ctrl+C (SIGINT) or SIGTERM.</source>
        <translation>calldeck : arrêt avec Ctrl+C (SIGINT) ou SIGTERM.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: %1 received; stopping.</source>
        <translation>calldeck : %1 reçu ; arrêt.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>calldeck: replay %1%, %2 packets, %3 msgs/s</source>
        <translation>calldeck : relecture %1 %, %2 paquets, %3 msg/s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>calldeck: --replay %1 stopped: %2</source>
        <translation>calldeck : --replay %1 arrêté : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replay finished: 100%, %1 packets, %2 SIP/HEP messages in %3 s.</source>
        <translation>calldeck : relecture terminée : 100 %, %1 paquets, %2 messages SIP/HEP en %3 s.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>calldeck: the dialog core did not finish within %1 s; the export and statistics may miss the last packets.</source>
        <translation>calldeck : le cœur des dialogues n’a pas terminé en %1 s ; l’export et les statistiques peuvent manquer les derniers paquets.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: exported %1 dialogs to %2</source>
        <translation>calldeck : %1 dialogues exportés vers %2</translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <location filename="../app/hostport.cpp" line="+22"/>
        <source>calldeck: %1 &apos;%2&apos; needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</source>
        <translation>calldeck : %1 « %2 » demande ADDR:PORT, p. ex. %1 127.0.0.1:9060 (IPv6 : [::1]:9060).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535, or 0 for any free port.</source>
        <translation>calldeck : %1 &apos;%2&apos; : le port &apos;%3&apos; est hors limites ; utilisez 1-65535, ou 0 pour n’importe quel port libre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck : %1 « %2 » : le port « %3 » est hors limites ; utilisez 1-65535.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is not an IPv6 address.</source>
        <translation>calldeck : %1 « %2 » : « %3 » n’est pas une adresse IPv6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: %1 &apos;%2&apos;: write IPv6 addresses in brackets, e.g. %1 [::1]:9060.</source>
        <translation>calldeck : %1 « %2 » : écrivez les adresses IPv6 entre crochets, p. ex. %1 [::1]:9060.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is neither an IPv4 address nor a host name; e.g. %1 127.0.0.1:9060.</source>
        <translation>calldeck : %1 « %2 » : « %3 » n’est ni une adresse IPv4 ni un nom d’hôte ; p. ex. %1 127.0.0.1:9060.</translation>
    </message>
</context>
<context>
    <name>IncidentPackDialog</name>
    <message>
        <location filename="../ui/incidentpackdialog.cpp" line="+24"/>
        <location line="+110"/>
        <source>Incident pack</source>
        <translation>Archive d’incident</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Mask numbers and URIs (for sharing outside the operations team)</source>
        <translation>&amp;Masquer les numéros et les URI (pour un partage hors de l’équipe d’exploitation)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every telephone number and the user@host of every SIP URI is replaced, with the same length and the same way in all files, so calls can still be followed and the capture stays valid.</source>
        <translation>Chaque numéro de téléphone et la partie user@host de chaque URI SIP sont remplacés, à longueur égale et de la même façon dans tous les fichiers : les appels restent ainsi traçables et la capture reste valide.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the selected dialogs&apos; messages</source>
        <translation>les messages des dialogues sélectionnés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the shown dialogs&apos; messages</source>
        <translation>les messages des dialogues affichés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive holds table.csv (the table as shown), dialogs.json (dlg.list shape), messages.pcap (%1), the chart pictures and manifest.json with the SHA-256 of each file.</source>
        <translation>L’archive contient table.csv (le tableau tel qu’affiché), dialogs.json (forme de dlg.list), messages.pcap (%1), les images des graphiques et manifest.json avec le SHA-256 de chaque fichier.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Write pack</source>
        <translation>É&amp;crire l’archive</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Enter the file to write, e.g. incident.tar.gz, or choose one with Browse….</source>
        <translation>Saisissez le fichier à écrire, p. ex. incident.tar.gz, ou choisissez-en un avec Parcourir….</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pack is a .tar.gz or .tar archive: end the file name in .tar.gz (smaller) or .tar.</source>
        <translation>L’archive d’incident est au format .tar.gz ou .tar : terminez le nom de fichier par .tar.gz (plus compact) ou .tar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 does not exist; choose an existing folder with Browse….</source>
        <translation>Le dossier %1 n’existe pas ; choisissez un dossier existant avec Parcourir….</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Compressed archive (*.tar.gz)</source>
        <translation>Archive compressée (*.tar.gz)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive (*.tar)</source>
        <translation>Archive (*.tar)</translation>
    </message>
</context>
<context>
    <name>LadderLayout</name>
    <message>
        <location filename="../ui/ladderlayout.cpp" line="+25"/>
        <source>unknown</source>
        <translation>inconnu</translation>
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
        <translation>(non SIP)</translation>
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
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the language of the desktop session</source>
        <translation>Suivre la langue de la session de bureau</translation>
    </message>
</context>
<context>
    <name>LanguageSwitcher</name>
    <message>
        <location filename="../app/languageswitcher.cpp" line="+33"/>
        <source>the system&apos;s language (%1)</source>
        <translation>la langue du système (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language: %1.</source>
        <translation>Langue : %1.</translation>
    </message>
</context>
<context>
    <name>ListenerSettingsDialog</name>
    <message>
        <location filename="../ui/listenersettingsdialog.cpp" line="+21"/>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mirror listeners</source>
        <translation>Récepteurs du miroir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ADDR:PORT, e.g. 0.0.0.0:9060 (every IPv4 address), 127.0.0.1:9060 or, for IPv6, [::1]:9060. Each address takes HEP (v1/v2/v3) and raw SIP on UDP and TCP.</source>
        <translation>ADDR:PORT, p. ex. 0.0.0.0:9060 (toutes les adresses IPv4), 127.0.0.1:9060 ou, en IPv6, [::1]:9060. Chaque adresse reçoit HEP (v1/v2/v3) et SIP brut en UDP et TCP.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>CallDeck receives HEP (Kamailio siptrace, Homer agents, heplify) and raw SIP on UDP and TCP at each address below. Leave the list empty for the default %1. Changes apply at once.</source>
        <translation>CallDeck reçoit HEP (siptrace de Kamailio, agents Homer, heplify) et SIP brut en UDP et TCP à chaque adresse ci-dessous. Laissez la liste vide pour l’adresse par défaut %1. Les modifications s’appliquent aussitôt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no listener (--hep off)</source>
        <translation>aucun récepteur (--hep off)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This run listens on %1, as given on the command line; that stays until CallDeck is restarted. The list is stored and used when CallDeck starts without --hep.</source>
        <translation>Cette exécution écoute sur %1, comme indiqué sur la ligne de commande ; cela reste jusqu’au redémarrage de CallDeck. La liste est enregistrée et utilisée quand CallDeck démarre sans --hep.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+143"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Configuration Kamailio copiée dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>Open capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Captures (*.pcap *.pcapng *.cap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Captures (*.pcap *.pcapng *.cap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A capture is being replayed; wait for it to finish or cancel it.</source>
        <translation>Une capture est en cours de relecture ; attendez qu’elle se termine ou annulez-la.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A feed failed; the Sources panel says why and what to do.</source>
        <translation>Un flux a échoué ; le panneau Sources indique pourquoi et que faire.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>About CallDeck</source>
        <translation>À propos de CallDeck</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A live SIP dialog console for network operations centres.</source>
        <translation>Une console de dialogues SIP en direct pour les centres d’exploitation réseau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Compilé avec Qt %1, s’exécute avec Qt %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence: GPL-3.0-or-later</source>
        <translation>Licence : GPL-3.0-or-later</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>Dialogs</source>
        <translation>Dialogues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Proxies…</source>
        <translation>&amp;Proxys…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the proxies watched over JSON-RPC</source>
        <translation>Ajouter, modifier ou retirer les proxys surveillés via JSON-RPC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mirror listeners…</source>
        <translation>&amp;Récepteurs du miroir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the addresses that receive HEP and raw SIP</source>
        <translation>Ajouter, modifier ou supprimer les adresses qui reçoivent HEP et SIP brut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open capture…</source>
        <translation>&amp;Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay a pcap or pcapng file</source>
        <translation>Rejouer un fichier pcap ou pcapng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close CallDeck</source>
        <translation>Fermer CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus &amp;event log</source>
        <translation>Aller au &amp;journal des événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the event log and move the keyboard focus to it</source>
        <translation>Afficher le journal des événements et y placer le focus clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the keyboard shortcuts</source>
        <translation>Lister les raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CallDeck</source>
        <translation>À &amp;propos de CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version and licence</source>
        <translation>Version et licence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the list of feeds</source>
        <translation>Afficher ou masquer la liste des flux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the event log</source>
        <translation>Afficher ou masquer le journal des événements</translation>
    </message>
</context>
<context>
    <name>ProfilesDock</name>
    <message>
        <location filename="../ui/profilesdock.cpp" line="+74"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the live profiles and their sizes</source>
        <translation>Afficher ou masquer les profils en direct et leur taille</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a profile or a value to show its dialogs in the table.</source>
        <translation>Cliquez sur un profil ou une valeur pour afficher ses dialogues dans le tableau.</translation>
    </message>
</context>
<context>
    <name>ProfilesModel</name>
    <message>
        <location filename="../ui/profilesmodel.cpp" line="+86"/>
        <source>(empty value)</source>
        <translation>(valeur vide)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dialogs in profile %1 with value %2: %3. Click to show them.</source>
        <translation>Dialogues du profil %1 avec la valeur %2 : %3. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs in profile %1: %2. Click to show them.</source>
        <translation>Dialogues du profil %1 : %2. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Profile / value</source>
        <translation>Profil / valeur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dialogs</source>
        <translation>Dialogues</translation>
    </message>
</context>
<context>
    <name>ProxySettingsDialog</name>
    <message>
        <location filename="../ui/proxysettingsdialog.cpp" line="+25"/>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify the proxies&apos; TLS certificates (https)</source>
        <translation>Vérifier les certificats TLS des proxys (https)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON-RPC URL</source>
        <translation>URL JSON-RPC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name: shown in the Origin column (host:port when empty). URL: e.g. http://user:password@10.0.0.5:5071/RPC — the proxy needs jsonrpcs and xhttp.</source>
        <translation>Nom : affiché dans la colonne Origine (hôte:port s’il est vide). URL : p. ex. http://user:password@10.0.0.5:5071/RPC — le proxy a besoin de jsonrpcs et xhttp.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. trunk, inbound (profiles seen in dlg.list are polled anyway)</source>
        <translation>p. ex. trunk, inbound (les profils vus dans dlg.list sont interrogés de toute façon)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>system certificate store</source>
        <translation>magasin de certificats du système</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Poll every</source>
        <translation>Interroger toutes les</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles to poll</source>
        <translation>Profils à interroger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helper path</source>
        <translation>Chemin du helper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA file (PEM)</source>
        <translation>Fichier CA (PEM)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proxies watched over Kamailio&apos;s JSON-RPC (jsonrpcs over xhttp). Changes apply at once: the feeds restart.</source>
        <translation>Proxys surveillés via le JSON-RPC de Kamailio (jsonrpcs sur xhttp). Les modifications s’appliquent immédiatement : les flux redémarrent.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Also watched in this run (--rpc, not stored): %1</source>
        <translation>Également surveillés pendant cette exécution (--rpc, non enregistrés) : %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Proxy %1: %2</source>
        <translation>Proxy %1 : %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The CA file %1 cannot be read; give the path of a PEM file or leave it empty for the system store.</source>
        <translation>Impossible de lire le fichier CA %1 ; indiquez le chemin d’un fichier PEM ou laissez le champ vide pour utiliser le magasin du système.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The helper path must be a URL path such as /calldeck.</source>
        <translation>Le chemin du helper doit être un chemin d’URL comme /calldeck.</translation>
    </message>
</context>
<context>
    <name>ProxyStatusText</name>
    <message>
        <location filename="../ui/proxystatustext.cpp" line="+13"/>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up · %1 ms</source>
        <translation>En ligne · %1 ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>En ligne</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Degraded: %n failed poll(s)</source>
        <translation>
            <numerusform>Dégradé : %n interrogation échouée</numerusform>
            <numerusform>Dégradé : %n interrogations échouées</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degraded: partial answers</source>
        <translation>Dégradé : réponses partielles</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Down, retry in %n s</source>
        <translation>
            <numerusform>Injoignable, nouvel essai dans %n s</numerusform>
            <numerusform>Injoignable, nouvel essai dans %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n dialogue</numerusform>
            <numerusform>%n dialogues</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version: %1</source>
        <translation>Version : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up for %1</source>
        <translation>En service depuis %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last dlg.list: %1 ms, %2; polled every %3 s</source>
        <translation>Dernier dlg.list : %1 ms, %2 ; interrogé toutes les %3 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Polls: %1, failed: %2</source>
        <translation>Interrogations : %1, échouées : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog entr(y/ies) skipped in the last listing</source>
        <translation>
            <numerusform>%n entrée de dialogue malformée ignorée dans la dernière liste</numerusform>
            <numerusform>%n entrées de dialogue malformées ignorées dans la dernière liste</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CallDeck helper: present (REFER, timeouts, profiles, variables)</source>
        <translation>Helper CallDeck : présent (REFER, délais, profils, variables)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck helper: absent — include calldeck-helpers.cfg in the proxy&apos;s config for REFER, timeouts, profiles and variables</source>
        <translation>Helper CallDeck : absent — incluez calldeck-helpers.cfg dans la configuration du proxy pour REFER, les délais, les profils et les variables</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actions: %1</source>
        <translation>Actions : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+37"/>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tables: %1</source>
        <translation>Tables : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Last read: %1 ms, %n dialog(s); read every %2 s</source>
        <translation>
            <numerusform>Dernière lecture : %1 ms, %n dialogue ; lecture toutes les %2 s</numerusform>
            <numerusform>Dernière lecture : %1 ms, %n dialogues ; lecture toutes les %2 s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not read yet; read every %1 s</source>
        <translation>Pas encore lu ; lecture toutes les %1 s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reads: %1, failed: %2</source>
        <translation>Lectures : %1, échouées : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog row(s) skipped in the last read</source>
        <translation>
            <numerusform>%n ligne de dialogue malformée ignorée lors de la dernière lecture</numerusform>
            <numerusform>%n lignes de dialogue malformées ignorées lors de la dernière lecture</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <location filename="../ui/replaycontroller.cpp" line="+72"/>
        <source>Replaying %1 at the recorded pace.</source>
        <translation>Relecture de %1 au rythme enregistré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying %1.</source>
        <translation>Relecture de %1.</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+90"/>
        <source>Open capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Replaying %1…
%2 SIP/HEP messages read so far.</source>
        <translation>Relecture de %1…
%2 messages SIP/HEP lus jusqu’ici.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Damaged or incomplete packets skipped: %1.</source>
        <translation>Paquets endommagés ou incomplets ignorés : %1.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Replayed %1: %2 packets, %3 SIP/HEP messages in %4 s.</source>
        <translation>%1 rejoué : %2 paquets, %3 messages SIP/HEP en %4 s.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Replay of %1 cancelled after %2 packets; the dialogs read so far stay.</source>
        <translation>Relecture de %1 annulée après %2 paquets ; les dialogues lus jusqu’ici restent.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replay of %1 failed: %2</source>
        <translation>Échec de la relecture de %1 : %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck could not replay %1.</source>
        <translation>CallDeck n’a pas pu rejouer %1.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="+16"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>SnapshotActions</name>
    <message>
        <location filename="../ui/snapshotactions.cpp" line="+106"/>
        <location line="+77"/>
        <source>Save snapshot</source>
        <translation>Enregistrer un instantané</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+78"/>
        <source>Open snapshot</source>
        <translation>Ouvrir un instantané</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>CallDeck snapshots (*.cdsnap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Instantanés CallDeck (*.cdsnap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A snapshot is being saved; wait for it or cancel it.</source>
        <translation>Un instantané est en cours d’enregistrement ; attendez sa fin ou annulez-le.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saving the snapshot to %1…</source>
        <translation>Enregistrement de l’instantané dans %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the snapshot %1…</source>
        <translation>Lecture de l’instantané %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Snapshot of %n dialog(s) saved to %1</source>
        <translation>
            <numerusform>Instantané de %n dialogue enregistré dans %1</numerusform>
            <numerusform>Instantané de %n dialogues enregistré dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Snapshot cancelled; no file was written.</source>
        <translation>Instantané annulé ; aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The snapshot could not be saved to %1.</source>
        <translation>L’instantané n’a pas pu être enregistré dans %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The snapshot %1 could not be opened.</source>
        <translation>L’instantané %1 n’a pas pu être ouvert.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Check that the file and its folder exist and that you may use them, and that the disk has room; then try again or choose another place.</source>
        <translation>Vérifiez que le fichier et son dossier existent, que vous avez le droit de les utiliser et que le disque a de la place ; puis réessayez ou choisissez un autre emplacement.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dialog core is busy. Try again in a moment.</source>
        <translation>Le cœur des dialogues est occupé. Réessayez dans un moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or cut short (was it copied completely?). Open another copy of it.</source>
        <translation>Le fichier est endommagé ou tronqué (a-t-il été copié entièrement ?). Ouvrez-en une autre copie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a CallDeck snapshot. Choose a .cdsnap file saved with File → Save snapshot….</source>
        <translation>Ce n’est pas un instantané CallDeck. Choisissez un fichier .cdsnap enregistré avec Fichier → Enregistrer un instantané….</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was saved by a newer CallDeck. Open it with that version, or update this one.</source>
        <translation>Il a été enregistré par une version plus récente de CallDeck. Ouvrez-le avec cette version, ou mettez celle-ci à jour.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or was edited by hand; the detail below says where. Open another copy of it.</source>
        <translation>Le fichier est endommagé ou a été modifié à la main ; le détail ci-dessous indique où. Ouvrez-en une autre copie.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Snapshot</source>
        <translation>Instantané</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Save snapshot…</source>
        <translation>&amp;Enregistrer un instantané…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every dialog with its details and call flow to a file you can open later</source>
        <translation>Enregistrer chaque dialogue avec ses détails et son diagramme d’appel dans un fichier à rouvrir plus tard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open s&amp;napshot…</source>
        <translation>Ouvrir un i&amp;nstantané…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse a saved snapshot: its table, details and call flows as they were</source>
        <translation>Consulter un instantané enregistré : son tableau, ses détails et ses diagrammes d’appel tels qu’ils étaient</translation>
    </message>
</context>
<context>
    <name>SnapshotExport</name>
    <message>
        <location filename="../app/snapshotexport.cpp" line="+18"/>
        <source>calldeck: --export %1: the dialog core did not answer within %2 s; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck : --export %1 : le cœur des dialogues n’a pas répondu en %2 s ; rien n’a été écrit. Réessayez, ou exportez à un moment moins chargé.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: cannot write there (%2); check that the directory %3 exists and is writable.</source>
        <translation>calldeck : --export %1 : impossible d’écrire à cet endroit (%2) ; vérifiez que le répertoire %3 existe et est accessible en écriture.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: writing failed (%2); check the free space of %3.</source>
        <translation>calldeck : --export %1 : échec de l’écriture (%2) ; vérifiez l’espace libre de %3.</translation>
    </message>
</context>
<context>
    <name>SnapshotWindow</name>
    <message>
        <location filename="../ui/snapshotwindow.cpp" line="+177"/>
        <source>%1 — snapshot of %2 — CallDeck</source>
        <extracomment>Title of a snapshot window: %1 the file name, %2 the date and time the snapshot was taken</extracomment>
        <translation>%1 — instantané du %2 — CallDeck</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s) listed</source>
        <translation>
            <numerusform>%n dialogue listé</numerusform>
            <numerusform>%n dialogues listés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 early, %2 active, %3 processed since start</source>
        <translation>%1 précoces, %2 actifs, %3 traités depuis le démarrage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no feeds</source>
        <translation>aucun flux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshot taken %1 by CallDeck %2 from %3. %4. Nothing here changes: it is a record.</source>
        <extracomment>Status bar of a snapshot window: %1 when it was taken, %2 the CallDeck version, %3 its feeds, %4 the counts</extracomment>
        <translation>Instantané pris le %1 par CallDeck %2 depuis %3. %4. Rien ici ne change : c’est un enregistrement figé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown version)</source>
        <translation>(version inconnue)</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+164"/>
        <source>%1 (%2): %3</source>
        <extracomment>%1 a DMQ node&apos;s address, %2 &quot;DMQ node&quot; or &quot;DMQ bus&quot;, %3 its status and what to do</extracomment>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no reason given; see the event log</source>
        <translation>aucune raison indiquée ; voir le journal des événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>%1 en échec : %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Open a capture with File → Open capture…, or start CallDeck without --hep off to listen on 127.0.0.1:9060.</source>
        <translation>Aucun flux configuré : l’écoute intégrée est désactivée (--hep off). Ouvrez une capture avec Fichier → Ouvrir une capture…, ou lancez CallDeck sans --hep off pour écouter sur 127.0.0.1:9060.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Starting the feeds…</source>
        <translation>Démarrage des flux…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hover over a feed to see its senders and error counters.</source>
        <translation>Survolez un flux pour voir ses émetteurs et ses compteurs d’erreurs.</translation>
    </message>
</context>
<context>
    <name>SourcesTableModel</name>
    <message>
        <location filename="../ui/sourcestablemodel.cpp" line="+177"/>
        <source>Packets lost before the core: the queue was full (the core could not keep up) or the kernel&apos;s receive buffer overflowed.</source>
        <translation>Paquets perdus avant le cœur : la file était pleine (le cœur ne suivait pas) ou le tampon de réception du noyau a débordé.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets/s</source>
        <translation>Paquets/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets</source>
        <translation>Paquets</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Vu en dernier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drops</source>
        <translation>Pertes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Malformed</source>
        <translation>Malformés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auth failures</source>
        <translation>Échecs d’auth.</translation>
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
        <translation>Relecture de capture</translation>
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
        <translation>BD</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ bus</source>
        <translation>Bus DMQ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ node</source>
        <translation>Nœud DMQ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running (%1 %)</source>
        <extracomment>A capture replay that is still reading its file: %1 is the share read so far</extracomment>
        <translation>Actif (%1 %)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Failed: %1</source>
        <translation>En échec : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Received: %1 packets, %2</source>
        <translation>Reçus : %1 paquets, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped: %1 by the queue (the core could not keep up), %2 by the kernel (receive buffer full)</source>
        <translation>Rejetés : %1 par la file (le cœur ne suivait pas), %2 par le noyau (tampon de réception plein)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Malformed: %1 · auth failures: %2 · not SIP: %3</source>
        <translation>Malformés : %1 · échecs d’auth. : %2 · non SIP : %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sender seen yet.</source>
        <translation>Aucun émetteur vu pour l’instant.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Senders (%1):</source>
        <translation>Émetteurs (%1) :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 packets, %3/s, last seen %4</source>
        <translation>%1 : %2 paquets, %3/s, vu en dernier %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 malformed</source>
        <translation>, %1 malformés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 auth failures</source>
        <translation>, %1 échecs d’auth.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 not SIP</source>
        <translation>, %1 non SIP</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+94"/>
        <source>Dialogs: %1 active · %2 early · %3 total · %4 processed</source>
        <translation>Dialogues : %1 actifs · %2 précoces · %3 au total · %4 traités</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table, ended ones until they leave it. Processed: every dialog created since CallDeck started (the dialog module&apos;s processed_dialogs).</source>
        <translation>Actifs : dialogues confirmés (états 3 et 4). Précoces : dialogues avec une réponse provisoire (état 2). Total : tous les dialogues du tableau, les terminés jusqu’à ce qu’ils le quittent. Traités : tous les dialogues créés depuis le démarrage de CallDeck (processed_dialogs du module dialog).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode: CallDeck refuses every control action (hang up, transfer, bridge, timeout and profile changes).</source>
        <translation>Mode lecture seule : CallDeck refuse toute action de contrôle (raccrocher, transférer, ponter, modifier le délai ou les profils).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds</source>
        <translation>Aucun flux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No feed is configured, so no SIP arrives. See View → Sources.</source>
        <translation>Aucun flux n’est configuré, donc aucun SIP n’arrive. Voir Affichage → Sources.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds running</source>
        <translation>Aucun flux actif</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n configured feed(s), none taking SIP now. See View → Sources.</source>
        <translation>
            <numerusform>%n flux configuré, aucun ne reçoit de SIP pour l’instant. Voir Affichage → Sources.</numerusform>
            <numerusform>%n flux configurés, aucun ne reçoit de SIP pour l’instant. Voir Affichage → Sources.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feeds: %1 running</source>
        <translation>Flux : %1 actifs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 failed</source>
        <translation>Flux : %1 en échec</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 running, %2 failed</source>
        <translation>Flux : %1 actifs, %2 en échec</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See View → Sources for why a feed failed and what to do.</source>
        <translation>Voir Affichage → Sources pour savoir pourquoi un flux a échoué et que faire.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Voir Affichage → Sources pour l’état de chaque flux.</translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <location filename="../ui/charts/timeserieschart.cpp" line="+253"/>
        <source>%1 limit</source>
        <translation>Limite %1</translation>
    </message>
    <message>
        <location line="-23"/>
        <source> (no data)</source>
        <translation> (aucune donnée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>%1
%2: %3</source>
        <translation>%1
%2 : %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 (+%3 s): min %4, avg %5, max %6</source>
        <translation>%1
%2 (+%3 s) : min %4, moy. %5, max %6</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+65"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck : il n’existe pas encore de traduction %1 de CallDeck ; l’anglais est utilisé. Disponibles : %2.</translation>
    </message>
</context>
</TS>
