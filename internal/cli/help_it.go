package cli

// helpIT is the command line's help in Italian (selfdiag --lang it).
var helpIT = helpBook{
	commands: map[string]commandHelp{
		"selfdiag": {
			short: "Autodiagnosi delle scuole del progetto federale «Scuola del Ministero dell'Istruzione della Russia»",
			long: `selfdiag — autodiagnosi delle scuole del progetto federale «Scuola del Ministero
dell'Istruzione della Russia», e di ogni quadro di autovalutazione descritto da un modello.

Calcola punti e livelli per componente e complessivi, trova gli indicatori critici e le
carenze dai file di risposte (.xlsx o .csv) e scrive i rapporti.

Le impostazioni vengono dalle opzioni, poi dalle variabili d'ambiente SELFDIAG_* (per esempio
SELFDIAG_MODEL, SELFDIAG_FORMAT, SELFDIAG_LANG), poi dal file di impostazioni (--config,
altrimenti ./selfdiag.yaml o ~/.config/selfdiag/config.yaml).

Codici di uscita: 0 — tutto calcolato senza osservazioni; 1 — calcolato, ma i dati hanno
problemi; 2 — errore nella riga di comando; 3 — calcolo impossibile (il modello o un file
non si leggono).

I documenti sono scritti nella lingua del modello; --lang imposta la lingua di questo aiuto, dei
messaggi della riga di comando e della pagina serve.

Un file --out con l'estensione di un formato (risultati.json, modello.csv, rapporto.docx) è scritto
in quel formato se --format non è nella riga di comando.`,
		},
		"selfdiag score": {
			use:   "FILE...",
			short: "Calcolare punti, livelli e carenze di una scuola da un file di risposte",
			long: `Calcola l'autodiagnosi dai file di risposte (.xlsx o .csv): una scuola per file
(una tabella «N. | Risposta», una tabella del servizio federale) o una tabella del distretto
(una riga per scuola).

Formati di uscita: text — un riepilogo per il terminale; json — selfdiag.result/v1 (più
scuole — un array); csv — una riga per indicatore di ogni scuola.`,
			example: `  selfdiag score testdata/schools/school1.xlsx
  selfdiag score --format json --out result.json risposte.csv`,
		},
		"selfdiag report": {
			use:   "FILE...",
			short: "Il rapporto di una scuola per il suo programma di sviluppo (sezioni 3.1 e 3.2): HTML, xlsx, Markdown o Word",
			long: `Scrive il rapporto di ogni scuola dai file di risposte: dati e profilo, il modello, il
risultato e i livelli per componente (un radar e barre con le soglie dei livelli), gli
indicatori critici, le carenze per direzione e condizione con le risposte obiettivo, il
piano per passare al livello successivo, le risposte a ogni indicatore.

html — un file autosufficiente (non carica nulla dalla rete), si stampa su A4;
xlsx — gli stessi dati su fogli, un radar e la formattazione condizionale, una tabella di
misure; md — Markdown da incollare in un documento; docx — un documento Word per il
programma di sviluppo: un paragrafo di risultati, tabelle, grafici, una tabella di misure
con le misure tipiche e le colonne «Responsabile», «Scadenza», «Risultato atteso».

I file prendono il nome dal codice della scuola (altrimenti dal nome del file di risposte) e
si scrivono in --out CARTELLA. --out rapporto.docx (il nome di un file con l'estensione di un
formato) scrive il rapporto di una scuola in quel file, nel formato della sua estensione. Senza
--out il rapporto di una scuola in html o md va al terminale.`,
			example: `  selfdiag report testdata/schools/school1.xlsx > rapporto.html
  selfdiag report risposte/*.xlsx --format xlsx --out rapporti
  selfdiag report risposte.xlsx --format docx --out rapporti
  selfdiag report risposte.xlsx --out rapporto.docx`,
		},
		"selfdiag batch": {
			use:   "PERCORSO...",
			short: "Calcolare tutte le scuole di un distretto (una cartella o dei file) e comporre il riepilogo del distretto",
			long: `Legge tutti i file .xlsx e .csv nelle cartelle (con le sottocartelle) e nei file elencati,
calcola ogni scuola su tutti i core e compone il riepilogo del distretto: la distribuzione dei
livelli (complessiva e per componente), la percentuale media per componente, le carenze
frequenti, le scuole «sotto la base» con i motivi, le scuole ripetute e i file illeggibili.

I file nascosti e i file temporanei di Office (~$…) sono saltati; dei file .xls e degli altri
file non adatti si dà notizia. Un file sbagliato non ferma il lavoro: gli altri si calcolano,
e il codice di uscita sarà 1.

Con --out CARTELLA il riepilogo si scrive in CARTELLA/summary.json e CARTELLA/summary.<formato>;
con --per-school anche il rapporto di ogni scuola in CARTELLA/schools/ (JSON e testo; con
--report html,xlsx,md anche i rapporti per il programma di sviluppo). --format html — il
cruscotto del distretto: livelli, una mappa di calore scuole × componenti, carenze frequenti,
le scuole «sotto la base», i collegamenti ai rapporti delle scuole; --format docx — la nota
analitica in Word.
Con --previous PASSATO — anche il confronto con l'autodiagnosi precedente (la cartella di
un'esecuzione precedente di batch --per-school o una cartella di risposte): CARTELLA/compare.json
e compare.<formato> per i formati del riepilogo text, csv, xlsx, html; nella nota analitica
(docx) e nel rapporto di ogni scuola — una sezione sui cambiamenti dalla precedente.
Sullo schermo compare il riepilogo nel formato scelto (per xlsx — come testo).`,
			example: `  selfdiag batch testdata/district
  selfdiag batch risposte/ --out risultati --per-school --format xlsx
  selfdiag batch risposte/ --out risultati --per-school --report html --format html
  selfdiag batch regione/ --group-by municipality --format json`,
		},
		"selfdiag compare": {
			use:   "PRIMA DOPO",
			short: "Confrontare due autodiagnosi, dell'anno scorso e di quest'anno, per scuola e per distretto",
			long: `Confronta due autodiagnosi delle stesse scuole. Ogni lato è un file o una cartella di
risposte (calcolata come fa batch, con il proprio modello: --old-model e --new-model, per
impostazione predefinita --model o quello incorporato) o la cartella di un'esecuzione precedente
di batch --out CARTELLA --per-school (summary.json e schools/*.json), così i file di risposte
dell'anno scorso non servono.

Le scuole si abbinano per codice, altrimenti per nome e comune; le scuole presenti da un solo
lato sono elencate. Per ogni scuola — il risultato e le componenti allora e ora, il cambio di
livello, le carenze chiuse, rimaste e nuove, gli indicatori critici corretti e nuovi, se è stato
raggiunto l'obiettivo del piano precedente. Per il distretto — una tabella dei passaggi di
livello, la percentuale media per componente allora e ora, le carenze più spesso chiuse e
nuove, le scuole il cui livello è sceso, con i motivi; con --group-by municipality — lo stesso
per ogni comune.

Formati: text; json — selfdiag.compare/v1; csv — una riga per scuola; xlsx; html.`,
			example: `  selfdiag compare risultati-2024/ risposte-2025/
  selfdiag compare --old-model modello-2024 risposte-2024/ risposte-2025/ -f html -o confronto.html`,
		},
		"selfdiag template": {
			short: "Creare un modulo per le risposte di una scuola o una tabella del distretto dal modello in uso",
			long: `Crea un modulo di risposte dal modello in uso (quello incorporato o --model):

  --layout school   — una cartella di lavoro per una scuola: un foglio per la scuola (nome,
                      codice, profilo con elenchi a discesa), un foglio di risposte (indicatori
                      per componente, elenchi delle risposte ammesse, controllo dei numeri),
                      un foglio di istruzioni;
  --layout district — una tabella del distretto: una riga per scuola, colonne per il profilo
                      e gli indicatori.

Un modulo compilato si calcola con i comandi score e batch così com'è.`,
			example: `  selfdiag template --out modulo-scuola.xlsx
  selfdiag template --layout district --out distretto.xlsx
  selfdiag template --format csv --out modulo.csv`,
		},
		"selfdiag serve": {
			short: "Aprire selfdiag nel browser: autodiagnosi senza riga di comando",
			long: `Avvia la pagina di selfdiag su questo computer (indirizzo 127.0.0.1, solo per questo
computer) e la apre nel browser. La prima riga di uscita è l'indirizzo della pagina con la
sua chiave di accesso.

Nella pagina: una nuova autodiagnosi (trascinare la cartella delle risposte), i risultati del
distretto e delle scuole, lo scaricamento della nota, del riepilogo e dei rapporti, i confronti
tra autodiagnosi, i moduli e il modello. I file non vengono inviati da nessuna parte: le
esecuzioni restano nella cartella --data come le scrive batch --out (le legge anche selfdiag
compare).

Un doppio clic su selfdiag.exe avvia la stessa pagina. Per fermarla: Ctrl+C o chiudere la
finestra del programma.`,
			example: `  selfdiag serve
  selfdiag serve --data D:\autodiagnosi --port 8080 --no-browser`,
		},
		"selfdiag model": {
			short: "Verificare, mostrare, esportare o importare il modello degli indicatori",
		},
		"selfdiag model validate": {
			use:   "[CARTELLA]",
			short: "Verificare un modello ed elencare ogni errore con il suo file e la sua riga",
			long: `Verifica un modello degli indicatori: la cartella CARTELLA, altrimenti --model, altrimenti
quello incorporato.
Codice di uscita 0 — nessun errore; 1 — errori trovati; 3 — la cartella non si legge.`,
		},
		"selfdiag model show": {
			short: "Mostrare il modello in uso: componenti, indicatori, risposte, punti, soglie",
			long: `Mostra il modello in uso: come testo, JSON o YAML (la descrizione selfdiag.model/v1 con
i massimi calcolati). La cartella del modello da modificare e caricare con --model si scrive
con il comando model export.`,
		},
		"selfdiag model export": {
			use:   "--out CARTELLA|FILE.xlsx|FILE.csv",
			short: "Esportare il modello in uso come cartella YAML o tabella da modificare e caricare con --model",
			long: `Esporta il modello in uso (quello incorporato o --model):
  --format yaml (predefinito) — una cartella: model.yaml e un file per componente;
  --format xlsx — una cartella di lavoro Excel: fogli di informazioni, livelli, componenti,
                  soglie, regole, indicatori, risposte e fasce, con i nomi nella lingua del
                  modello (README, «Il modello in tabella»);
  --format csv  — gli stessi fogli in un solo file CSV, la prima colonna nomina il foglio.
Ciò che si esporta si carica con --model e calcola allo stesso modo; la tabella si può
trasformare in cartella con il comando model import.`,
			example: `  selfdiag model export --out mio-modello
  selfdiag model export --format xlsx --out metodo.xlsx
  selfdiag score risposte.xlsx --model mio-modello`,
		},
		"selfdiag model import": {
			use:   "FILE.xlsx|FILE.csv --out CARTELLA",
			short: "Trasformare una tabella del modello (xlsx, csv) in una cartella YAML, verificandola",
			long: `Legge un modello da una tabella (come la scrive model export --format xlsx|csv), la verifica
con le stesse regole di una cartella e la scrive come cartella YAML. Gli errori nominano il
foglio e la cella (in CSV, la riga e la colonna); con errori la cartella non si scrive (codice
di uscita 1).
La tabella non va per forza trasformata: --model FILE.xlsx la carica direttamente.`,
			example: `  selfdiag model export --format xlsx --out metodo.xlsx
  selfdiag model import metodo.xlsx --out modello-regione`,
		},
		"selfdiag model calibrate": {
			use:   "FILE|CARTELLA...",
			short: "Ricavare le soglie dei livelli dalle tabelle del servizio federale e verificarvi il modello",
			long: `Legge le tabelle del servizio federale («Сумма баллов за весь тест: N», «Уровень: …») e ogni
file di risposte che indica il totale dei punti e il livello, li raggruppa per profilo della
scuola (dal file o dalle opzioni --programs, --ovz, --corrective) e, per ogni soglia di livello,
scrive l'intervallo di punti con cui tutte le tabelle concordano: «da A a B» — il minimo e il
massimo numero di punti da cui il livello può cominciare. Le tabelle il cui livello si spiega
con un indicatore critico non soddisfatto restano fuori dagli intervalli. Poi verifica il modello
in uso con gli intervalli e nomina le tabelle che contraddice, e di quanti punti.

Formati: text; json — selfdiag.calibration/v1.
Codice di uscita 0 — il modello concorda con tutte le tabelle; 1 — non concorda o ci sono file
illeggibili.`,
			example: `  selfdiag model calibrate export-federale/ --programs "НОО, ООО, СОО" --ovz нет --corrective нет
  selfdiag model calibrate --model modello-regione -f json export-federale/`,
		},
	},
	flags: map[string]string{
		"--model":                            "la cartella del modello degli indicatori o la sua tabella .xlsx/.csv (predefinito: il modello incorporato)",
		"--config":                           "il file di impostazioni YAML",
		"--help":                             "aiuto sul comando",
		"--lang":                             "la lingua dell'aiuto e dei messaggi della riga di comando e della pagina serve: ru, en o it (i documenti sono nella lingua del modello)",
		"selfdiag --version":                 "la versione del programma e del modello incorporato",
		"--encoding":                         "la codifica CSV: utf-8, utf-16, windows-1251 (rilevata per impostazione predefinita)",
		"--set":                              "una caratteristica dei rispondenti i cui file non la indicano: caratteristica=valore (per esempio type=powiat); si può ripetere",
		"--programs":                         "i programmi delle scuole i cui file non li indicano (una tabella del servizio federale): per esempio «НОО, ООО, СОО» (come --set programs=…)",
		"--ovz":                              "se le scuole i cui file non lo dicono hanno alunni con bisogni speciali: да o нет (come --set ovz=…)",
		"--corrective":                       "se la scuola è speciale (correttiva), quando il suo file non lo dice: да o нет (come --set corrective=…)",
		"--territory":                        "il territorio per i documenti: distretto, circoscrizione o regione",
		"--year":                             "l'anno dell'autodiagnosi per i documenti (predefinito: l'anno indicato dalle risposte della maggior parte delle scuole)",
		"--date":                             "«alla data del» nei documenti, GG.MM.AAAA (predefinito: oggi)",
		"selfdiag score --format":            "formato: text, json, csv",
		"selfdiag score --out":               "il file per il risultato (predefinito: il terminale)",
		"selfdiag report --format":           "formato: html, xlsx, md, docx",
		"selfdiag report --out":              "la cartella per i rapporti, o il file del rapporto di una scuola (.html, .xlsx, .md, .docx)",
		"selfdiag batch --format":            "il formato del riepilogo: text, json, csv, html, xlsx, md, docx (html — il cruscotto del distretto)",
		"selfdiag batch --report":            "con --per-school: anche i rapporti delle scuole nei formati html, xlsx, md, docx (separati da virgole)",
		"selfdiag batch --out":               "la cartella per il riepilogo e i rapporti delle scuole",
		"selfdiag batch --per-school":        "scrivere il rapporto di ogni scuola in CARTELLA/schools (serve --out)",
		"selfdiag batch --group-by":          "raggruppare il riepilogo per un campo del rispondente: municipality (per comune, con la tabella della regione) o un campo di raggruppamento del modello",
		"selfdiag batch --quiet":             "non mostrare l'indicatore di avanzamento",
		"selfdiag batch --incomplete":        "questionari incompleti (una risposta mancante o non riconosciuta): exclude — elencarli a parte, fuori dalla distribuzione, dalle medie e dalle frequenze delle carenze; count — contarli con gli altri",
		"selfdiag batch --duplicates":        "se una scuola arriva due volte, contare: latest — l'invio più recente (per data di compilazione, altrimenti per data di modifica del file), first — il primo nell'ordine dei file, error — nessuno",
		"selfdiag batch --workers":           "il numero di processi paralleli, da 1 a 256 (0 — uno per core)",
		"selfdiag batch --previous":          "l'autodiagnosi precedente da confrontare: la cartella di un'esecuzione precedente di batch --per-school o una cartella di risposte (serve --out)",
		"selfdiag batch --municipalities":    "un file con l'elenco dei comuni (un nome per riga): un nome fuori elenco è un problema nei dati",
		"selfdiag compare --format":          "formato: text, json, csv, md, xlsx, html, docx",
		"selfdiag compare --out":             "il file per il risultato (obbligatorio per xlsx e html)",
		"selfdiag compare --old-model":       "il modello dell'autodiagnosi precedente (una cartella o una tabella; predefinito: --model o quello incorporato)",
		"selfdiag compare --new-model":       "il modello della nuova autodiagnosi (predefinito: --model o quello incorporato)",
		"selfdiag compare --group-by":        "raggruppare il distretto: municipality — per comune, o un qualsiasi campo di raggruppamento del modello",
		"selfdiag template --layout":         "la forma del modulo: school (una scuola) o district (una tabella del distretto); per ogni modello anche single e table",
		"selfdiag template --format":         "formato: xlsx o csv",
		"selfdiag template --out":            "il file del modulo (obbligatorio per xlsx)",
		"selfdiag template --municipalities": "un file con l'elenco dei comuni (un nome per riga): in un modulo xlsx il comune si sceglie dall'elenco",
		"selfdiag serve --data":              "la cartella per le esecuzioni (predefinito: selfdiag in «Documenti»)",
		"selfdiag serve --port":              "la porta (predefinito: una qualsiasi libera)",
		"selfdiag serve --no-browser":        "non aprire il browser, solo stampare l'indirizzo",
		"selfdiag model show --format":       "formato: text, json, yaml",
		"selfdiag model show --out":          "il file per il risultato",
		"selfdiag model export --format":     "formato: yaml (una cartella del modello), xlsx o csv (una tabella)",
		"selfdiag model export --out":        "una cartella (yaml) o un file (xlsx, csv)",
		"selfdiag model import --out":        "la cartella per il modello",
		"selfdiag model calibrate --format":  "formato: text, json",
		"selfdiag model calibrate --out":     "il file per il risultato (predefinito: il terminale)",
	},
}
