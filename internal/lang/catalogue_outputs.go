package lang

// outputProblems gives the English and Italian of what goes wrong with
// what the program writes (output files and folders) and with what it
// reads besides answer files: a model's table or folder, a previous run.
var outputProblems = map[string]map[Lang]string{
	// Output files and folders.
	"не удалось создать файл в каталоге %s: %s": {EN: "could not create a file in the folder %s: %s", IT: "impossibile creare un file nella cartella %s: %s"},
	"не удалось записать %s: это папка, а нужен файл; укажите имя файла в ней или рядом": {
		EN: "could not write %s: it is a folder, and a file is needed; give a file's name in it or beside it",
		IT: "impossibile scrivere %s: è una cartella, e serve un file; indicate il nome di un file al suo interno o accanto"},
	"не удалось записать %s: %s":          {EN: "could not write %s: %s", IT: "impossibile scrivere %s: %s"},
	"не удалось создать каталог %s: %s":   {EN: "could not create the folder %s: %s", IT: "impossibile creare la cartella %s: %s"},
	"не удалось открыть каталог %s: %s":   {EN: "could not open the folder %s: %s", IT: "impossibile aprire la cartella %s: %s"},
	"не удалось прочитать каталог %s: %s": {EN: "could not read the folder %s: %s", IT: "impossibile leggere la cartella %s: %s"},
	"не удалось занять каталог %s: %s":    {EN: "could not take the folder %s: %s", IT: "impossibile occupare la cartella %s: %s"},
	"на месте файла блокировки %s не обычный файл (ссылка, канал или папка): selfdiag его не трогает; удалите его или укажите другой --out": {
		EN: "the lock file's place %s holds something other than a regular file (a link, a pipe or a folder): selfdiag leaves it alone; remove it or give another --out",
		IT: "al posto del file di blocco %s c'è qualcosa che non è un file normale (un collegamento, una pipe o una cartella): selfdiag non lo tocca; rimuovetelo o indicate un altro --out"},
	"каталог %s занят другим запуском selfdiag (%s; файл блокировки %s): дождитесь его конца или укажите другой --out; если другого запуска нет (он был прерван), удалите файл блокировки": {
		EN: "the folder %s is taken by another run of selfdiag (%s; lock file %s): wait for it to end or give another --out; if there is no other run (it was interrupted), remove the lock file",
		IT: "la cartella %s è occupata da un'altra esecuzione di selfdiag (%s; file di blocco %s): attendete che finisca o indicate un altro --out; se non c'è un'altra esecuzione (è stata interrotta), rimuovete il file di blocco"},
	"запуск PID %d с %s": {EN: "run PID %d since %s", IT: "esecuzione PID %d dal %s"},
	"не удалось записать %s: путь выходит за каталог": {EN: "could not write %s: the path leads out of the folder", IT: "impossibile scrivere %s: il percorso esce dalla cartella"},
	"путь ведёт по ссылке за пределы каталога вывода: selfdiag по таким ссылкам не пишет; удалите ссылку": {
		EN: "the path follows a link out of the output folder: selfdiag does not write through such links; remove the link",
		IT: "il percorso segue un collegamento fuori dalla cartella di output: selfdiag non scrive attraverso tali collegamenti; rimuovete il collegamento"},
	"на этом месте не обычный файл (папка, ссылка или канал): selfdiag его не трогает; удалите или переименуйте его": {
		EN: "something other than a regular file is in that place (a folder, a link or a pipe): selfdiag leaves it alone; remove or rename it",
		IT: "in quel punto c'è qualcosa che non è un file normale (una cartella, un collegamento o una pipe): selfdiag non lo tocca; rimuovetelo o rinominatelo"},
	"не удалось записать %s: на этом месте не обычный файл (ссылка, канал или папка); удалите его": {
		EN: "could not write %s: something other than a regular file is in that place (a link, a pipe or a folder); remove it",
		IT: "impossibile scrivere %s: in quel punto c'è qualcosa che non è un file normale (un collegamento, una pipe o una cartella); rimuovetelo"},
	"%s (изменён %s)%s":         {EN: "%s (changed %s)%s", IT: "%s (modificato %s)%s"},
	"%s (изменён %s, %d)%s":     {EN: "%s (changed %s, %d)%s", IT: "%s (modificato %s, %d)%s"},
	"отчёт «%s» не записан: %s": {EN: "the report «%s» was not written: %s", IT: "il rapporto «%s» non è stato scritto: %s"},
	"не записаны отчёты: %s":    {EN: "reports not written: %s", IT: "rapporti non scritti: %s"},
	"не записаны отчёты: %d (перечислены выше); остальные файлы записаны": {
		EN: "reports not written: %d (listed above); the other files are written",
		IT: "rapporti non scritti: %d (elencati sopra); gli altri file sono stati scritti"},
	"внутренняя ошибка программы (%s)": {EN: "an internal error of the program (%s)", IT: "errore interno del programma (%s)"},

	// Answer files and folders to read.
	"нет такого файла или папки: %s": {EN: "no such file or folder: %s", IT: "file o cartella inesistente: %s"},
	"%sв %s нет файлов ответов, только результаты selfdiag; для сравнения с прошлым запуском нужен его каталог, записанный с --per-school (summary.json и schools/), или папка с ответами": {
		EN: "%s%s holds no answer files, only selfdiag's results; a comparison with a previous run needs its folder written with --per-school (summary.json and schools/), or a folder of answers",
		IT: "%s%s non contiene file di risposte, solo risultati di selfdiag; il confronto con un'esecuzione precedente richiede la sua cartella scritta con --per-school (summary.json e schools/), o una cartella di risposte"},
	"%sне найдено ни одного файла ответов (.xlsx или .csv) в: %s": {EN: "%sno answer file (.xlsx or .csv) found in: %s", IT: "%snessun file di risposte (.xlsx o .csv) trovato in: %s"},

	// A previous run's folder.
	"%s: не сводка selfdiag (%s): укажите каталог, записанный batch --out КАТАЛОГ --per-school": {
		EN: "%s: not a selfdiag summary (%s): give a folder written by batch --out FOLDER --per-school",
		IT: "%s: non è un riepilogo di selfdiag (%s): indicate una cartella scritta da batch --out CARTELLA --per-school"},
	"%s: больше %d отчётов школ":            {EN: "%s: more than %d results", IT: "%s: più di %d risultati"},
	"%s: не результат selfdiag (%s или %s)": {EN: "%s: not a selfdiag result (%s or %s)", IT: "%s: non è un risultato di selfdiag (%s o %s)"},
	"%s: школа посчитана по другой модели (%s), чем сводка (%s): каталог собран из разных запусков": {
		EN: "%s: scored with another model (%s) than the summary (%s): the folder was put together from different runs",
		IT: "%s: calcolato con un altro modello (%s) rispetto al riepilogo (%s): la cartella è composta da esecuzioni diverse"},
	"%s: нет отчётов школ в JSON: запустите batch с --per-school": {
		EN: "%s: no results in JSON: run batch with --per-school",
		IT: "%s: nessun risultato in JSON: eseguite batch con --per-school"},
	"%s: не обычный файл (канал, устройство или папка): в каталоге прошлого запуска таких нет": {
		EN: "%s: not a regular file (a pipe, a device or a folder): a previous run's folder has none",
		IT: "%s: non è un file normale (una pipe, un dispositivo o una cartella): la cartella di un'esecuzione precedente non ne ha"},
	"%s: файл больше %d МБ": {EN: "%s: the file is over %d MB", IT: "%s: il file supera %d MB"},
	"%s: файл заменён во время чтения: запустите ещё раз": {EN: "%s: the file was replaced while being read: run again", IT: "%s: il file è stato sostituito durante la lettura: eseguite di nuovo"},
	"%s: файл JSON повреждён (%s)":                        {EN: "%s: the JSON file is damaged (%s)", IT: "%s: il file JSON è danneggiato (%s)"},
	"%s: не читается как JSON selfdiag (%s)":              {EN: "%s: does not read as selfdiag's JSON (%s)", IT: "%s: non si legge come JSON di selfdiag (%s)"},
	"JSON обрывается":                                     {EN: "the JSON ends too early", IT: "il JSON si interrompe"},
	"не объект JSON":                                      {EN: "not a JSON object", IT: "non è un oggetto JSON"},

	// A model's table or folder, read before its language is known.
	"не удалось прочитать каталог модели: %s": {EN: "could not read the model folder: %s", IT: "impossibile leggere la cartella del modello: %s"},
	"встроенная модель повреждена:\n%s":       {EN: "the embedded model is damaged:\n%s", IT: "il modello incorporato è danneggiato:\n%s"},
	"каталог модели %s не найден: укажите каталог с файлом %s или таблицу модели .xlsx/.csv": {
		EN: "the model folder %s is not found: give a folder with the file %s or a model table .xlsx/.csv",
		IT: "la cartella del modello %s non è stata trovata: indicate una cartella con il file %s o una tabella del modello .xlsx/.csv"},
	"модель не загружена, исправьте ошибки:\n%s": {EN: "the model is not loaded, fix the errors:\n%s", IT: "il modello non è stato caricato, correggete gli errori:\n%s"},
	"каталог %s не пуст и не является каталогом модели selfdiag (в нём %s): модель записывается в новый или пустой каталог либо поверх прежней модели": {
		EN: "the folder %s is not empty and is not a selfdiag model's folder (it holds %s): a model is written to a new or empty folder or over a previous model",
		IT: "la cartella %s non è vuota e non è la cartella di un modello di selfdiag (contiene %s): un modello si scrive in una cartella nuova o vuota o sopra un modello precedente"},
	"не удалось открыть файл: %s":                      {EN: "could not open the file: %s", IT: "impossibile aprire il file: %s"},
	"это не обычный файл: укажите файл .xlsx или .csv": {EN: "this is not a regular file: give an .xlsx or .csv file", IT: "non è un file normale: indicate un file .xlsx o .csv"},
	"файл больше %d МБ: таблица модели столько не занимает": {
		EN: "the file is over %d MB: a model's table takes less",
		IT: "il file supera %d MB: la tabella di un modello occupa meno"},
	"таблица модели — файл .xlsx или .csv": {EN: "a model's table is an .xlsx or .csv file", IT: "la tabella di un modello è un file .xlsx o .csv"},
	"не удалось прочитать лист «%s»: книга повреждена; сохраните её заново": {
		EN: "could not read the sheet «%s»: the workbook is damaged; save it again",
		IT: "impossibile leggere il foglio «%s»: la cartella di lavoro è danneggiata; salvatela di nuovo"},
	"на листе «%s» больше %d строк: в таблице модели столько не бывает": {
		EN: "the sheet «%s» has more than %d rows: a model's table has fewer",
		IT: "il foglio «%s» ha più di %d righe: la tabella di un modello ne ha meno"},
	"больше %d строк или %d столбцов: в таблице модели столько не бывает": {
		EN: "more than %d rows or %d columns: a model's table has fewer",
		IT: "più di %d righe o %d colonne: la tabella di un modello ne ha meno"},
	"на листе «%s» в строке %d больше %d столбцов": {EN: "the sheet «%s», in row %d, has more than %d columns", IT: "il foglio «%s», nella riga %d, ha più di %d colonne"},
	"файл не в кодировке UTF-8 и не в Windows-1251: сохраните его как «CSV UTF-8»": {
		EN: "the file is neither UTF-8 nor Windows-1251: save it as «CSV UTF-8»",
		IT: "il file non è né UTF-8 né Windows-1251: salvatelo come «CSV UTF-8»"},
	"строка CSV не читается: %s": {EN: "a CSV line does not read: %s", IT: "una riga CSV non si legge: %s"},

	// Calibration.
	"калибровка невозможна: общий уровень модели определяется по среднему процентов компонентов (overall: mean_of_components), а таблицы федерального сервиса дают сумму баллов": {
		EN: "calibration is impossible: the model's overall level comes from the mean of the components' percentages (overall: mean_of_components), while the federal service's tables give a sum of points",
		IT: "la calibrazione è impossibile: il livello complessivo del modello deriva dalla media delle percentuali delle componenti (overall: mean_of_components), mentre le tabelle del servizio federale danno una somma di punti"},
	"калибровка невозможна: общий уровень модели — наименьший из уровней компонентов (overall: min_component_level), порогов общего уровня у неё нет": {
		EN: "calibration is impossible: the model's overall level is the lowest of the components' levels (overall: min_component_level), it has no overall thresholds",
		IT: "la calibrazione è impossibile: il livello complessivo del modello è il più basso dei livelli delle componenti (overall: min_component_level), non ha soglie complessive"},
	"калибровка невозможна: у модели есть веса (weight), уровни определяются по взвешенной сумме, а таблицы федерального сервиса дают сумму баллов без весов": {
		EN: "calibration is impossible: the model has weights (weight), its levels come from a weighted sum, while the federal service's tables give a sum of points without weights",
		IT: "la calibrazione è impossibile: il modello ha pesi (weight), i livelli derivano da una somma pesata, mentre le tabelle del servizio federale danno una somma di punti senza pesi"},

	// The local page.
	"папка данных %s не создаётся: %s": {EN: "the data folder %s cannot be created: %s", IT: "impossibile creare la cartella dei dati %s: %s"},
	"не удалось открыть порт %d на этом компьютере: %s; укажите другой: --port": {
		EN: "could not open the port %d on this computer: %s; give another: --port",
		IT: "impossibile aprire la porta %d su questo computer: %s; indicatene un'altra: --port"},

	// Answers the program cannot count, and itself.
	"показаны первые %d проблем, не показано ещё %d: исправьте показанные и проверьте файл снова": {
		EN: "the first %d problems are shown, %d more are not: fix those shown and check the file again",
		IT: "sono mostrati i primi %d problemi, altri %d no: correggete quelli mostrati e controllate di nuovo il file"},
	"пустой шаблон: нет ни одного ответа; школа не учтена — заполните ответы и пришлите файл снова": {
		EN: "a blank template: no answer at all; not counted — fill in the answers and send the file again",
		IT: "un modello vuoto: nessuna risposta; non contato — compilate le risposte e inviate di nuovo il file"},
	"похоже на незаполненный шаблон: нет ни наименования, ни кода ОО и дано ответов %d из %d; школа не учтена": {
		EN: "looks like a template not filled in: neither a name nor a code, and %d answers of %d; not counted",
		IT: "sembra un modello non compilato: né nome né codice, e %d risposte su %d; non contato"},
	"внутренняя ошибка программы при обработке файла (%v): файл не учтён; сообщите об ошибке разработчикам selfdiag и приложите этот файл": {
		EN: "an internal error of the program while processing the file (%v): the file is not counted; report the error to selfdiag's developers and attach this file",
		IT: "errore interno del programma durante l'elaborazione del file (%v): il file non è contato; segnalate l'errore agli sviluppatori di selfdiag e allegate questo file"},

	// The model shown.
	"Особые пороги для школ (%s): вариант %s": {EN: "Special thresholds (%s): variant %s", IT: "Soglie particolari (%s): variante %s"},
	"Пороги в баллах по профилям школ (с каких баллов начинается уровень):": {
		EN: "Thresholds in points by profile (the points each level starts from):",
		IT: "Soglie in punti per profilo (i punti da cui inizia ogni livello):"},
	"Профиль %s:": {EN: "Profile %s:", IT: "Profilo %s:"},

	// Names of the files written for respondents without a code.
	"-строка-": {EN: "-row-", IT: "-riga-"},
	"школа":    {EN: "respondent", IT: "rispondente"},

	// The note of the list of files a run wrote (its manifest).
	"Файлы, записанные последним запуском selfdiag в этот каталог, с размером и SHA-256: следующий запуск удалит те из них, которые не запишет заново, если их никто не менял. Другие файлы каталога программа не трогает.": {
		EN: "The files the last run of selfdiag wrote into this folder, with their size and SHA-256: the next run removes those it does not write again if nobody changed them. The program leaves the folder's other files alone.",
		IT: "I file scritti in questa cartella dall'ultima esecuzione di selfdiag, con dimensione e SHA-256: l'esecuzione successiva rimuove quelli che non riscrive, se nessuno li ha modificati. Gli altri file della cartella il programma non li tocca."},

	// Calibration of thresholds from tables with stated totals and levels.
	"Калибровка порогов модели %s, версия %s: таблиц с суммой баллов и уровнем — %d.": {
		EN: "Calibration of the thresholds of model %s, version %s: tables with a total of points and a level — %d.",
		IT: "Calibrazione delle soglie del modello %s, versione %s: tabelle con somma dei punti e livello — %d."},
	"Таблиц с суммой баллов и уровнем нет: порогов не вывести.": {
		EN: "No table states a total of points and a level: no thresholds can be derived.",
		IT: "Nessuna tabella indica somma dei punti e livello: non si possono ricavare soglie."},
	"программы не указаны": {EN: "programmes not stated", IT: "programmi non indicati"},
	"Профиль: %s; ОВЗ: %s; коррекционная: %s — %s, максимум %s.": {
		EN: "Profile: %s; special needs: %s; special (corrective): %s — %s, maximum %s.",
		IT: "Profilo: %s; bisogni speciali: %s; speciale (correttiva): %s — %s, massimo %s."},
	"Профиль: %s — %s, максимум %s.": {EN: "Profile: %s — %s, maximum %s.", IT: "Profilo: %s — %s, massimo %s."},
	"без признаков":                  {EN: "no attributes", IT: "senza attributi"},
	"  Не учтено в порогах: %d (уровень объясняет невыполненный критический показатель).": {
		EN: "  Left out of the thresholds: %d (a critical indicator not met explains the level).",
		IT: "  Esclusi dalle soglie: %d (il livello è spiegato da un indicatore critico non soddisfatto)."},
	"без верхней границы": {EN: "without an upper bound", IT: "senza limite superiore"},
	"до %d":               {EN: "to %d", IT: "a %d"},
	"согласуется":         {EN: "agrees", IT: "concorda"},
	"таблицы противоречат друг другу": {EN: "the tables contradict one another", IT: "le tabelle si contraddicono"},
	"НЕ согласуется":                  {EN: "does NOT agree", IT: "NON concorda"},
	"  «%s»: порог от %d %s баллов; в модели %d — %s": {
		EN: "  «%s»: threshold from %d %s points; in the model %d — %s",
		IT: "  «%s»: soglia da %d %s punti; nel modello %d — %s"},
	"  Модель противоречит таблицам (%d):":  {EN: "  The model contradicts tables (%d):", IT: "  Il modello contraddice delle tabelle (%d):"},
	"уровень задаёт критический показатель": {EN: "a critical indicator sets the level", IT: "il livello è dato da un indicatore critico"},
	"порог модели расходится на %s":         {EN: "the model's threshold is off by %s", IT: "la soglia del modello si discosta di %s"},
	"    %s: %s, в таблице «%s», по модели «%s» (%s)": {
		EN: "    %s: %s, in the table «%s», by the model «%s» (%s)",
		IT: "    %s: %s, nella tabella «%s», secondo il modello «%s» (%s)"},
	"Не учтены (%d):": {EN: "Not used (%d):", IT: "Non usati (%d):"},
	"в таблице не указаны сумма баллов и уровень («Сумма баллов за весь тест: …», «Уровень: …»)": {
		EN: "the table states neither the total of points nor the level",
		IT: "la tabella non indica né la somma dei punti né il livello"},
	"в таблице не указана сумма баллов («Сумма баллов за весь тест: …»)": {
		EN: "the table does not state the total of points",
		IT: "la tabella non indica la somma dei punti"},
	"в таблице не указан уровень («Уровень: …»)": {EN: "the table does not state the level", IT: "la tabella non indica il livello"},
	"сумма баллов в таблице вне пределов профиля школы: от 0 до %d по модели": {
		EN: "the table's total of points is outside the profile's range: from 0 to %d by the model",
		IT: "la somma dei punti della tabella è fuori dall'intervallo del profilo: da 0 a %d secondo il modello"},
	"уровень «%s» не из модели: в ней %s": {EN: "the level «%s» is not the model's: it has %s", IT: "il livello «%s» non è del modello: ha %s"},
	"файл не прочитан: %s":                {EN: "file not read: %s", IT: "file non letto: %s"},

	// A text cut to fit a workbook's cell.
	"… [обрезано: в ячейке Excel не больше 32 767 знаков]": {EN: "… [cut: an Excel cell holds at most 32,767 characters]", IT: "… [tagliato: una cella di Excel contiene al massimo 32.767 caratteri]"},
}
