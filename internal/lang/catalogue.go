package lang

// catalogue gives each Russian message its English and Italian text.
// Converted so far: the model's spreadsheet form, the answer templates
// (form) and what they say of an indicator's allowed answers (model).
var catalogue = map[string]map[Lang]string{
	// The model's spreadsheet form: sheets.
	"Сведения":   {EN: "Info", IT: "Informazioni"},
	"Уровни":     {EN: "Levels", IT: "Livelli"},
	"Виды":       {EN: "Kinds", IT: "Tipi"},
	"Компоненты": {EN: "Components", IT: "Componenti"},
	"Пороги":     {EN: "Thresholds", IT: "Soglie"},
	"Правила":    {EN: "Rules", IT: "Regole"},
	"Показатели": {EN: "Indicators", IT: "Indicatori"},
	"Диапазоны":  {EN: "Bands", IT: "Fasce"},
	// Its columns.
	"Ключ":                {EN: "Key", IT: "Chiave"},
	"Пояснение":           {EN: "Note", IT: "Nota"},
	"Название":            {EN: "Title", IT: "Titolo"},
	"Вид":                 {EN: "Kind", IT: "Tipo"},
	"Порядок":             {EN: "Order", IT: "Ordine"},
	"Вариант":             {EN: "Variant", IT: "Variante"},
	"id варианта":         {EN: "Variant id", IT: "id variante"},
	"Совпадение программ": {EN: "Programmes match", IT: "Corrispondenza programmi"},
	"Кроме программ":      {EN: "Not programmes", IT: "Esclusi programmi"},
	"ОВЗ":                 {EN: "Special needs", IT: "Bisogni speciali"},
	"Коррекционная":       {EN: "Special", IT: "Speciale"},
	"Где":                 {EN: "Where", IT: "Dove"},
	"Единица":             {EN: "Unit", IT: "Unità"},
	"Показатель":          {EN: "Indicator", IT: "Indicatore"},
	"Действие":            {EN: "Action", IT: "Azione"},
	"Уровень":             {EN: "Level", IT: "Livello"},
	"Компонент":           {EN: "Component", IT: "Componente"},
	"Формулировка":        {EN: "Text", IT: "Testo"},
	"Не выполнен при баллах меньше": {EN: "Fails below points", IT: "Non soddisfatto sotto i punti"},
	"Минимум":         {EN: "Min", IT: "Minimo"},
	"Максимум":        {EN: "Max", IT: "Massimo"},
	"Целое":           {EN: "Integer", IT: "Intero"},
	"Меры":            {EN: "Measures", IT: "Misure"},
	"Синонимы":        {EN: "Aliases", IT: "Sinonimi"},
	"Баллы":           {EN: "Points", IT: "Punti"},
	"От":              {EN: "From", IT: "Da"},
	"До":              {EN: "To", IT: "A"},
	"До включительно": {EN: "To inclusive", IT: "A incluso"},
	"Вес":             {EN: "Weight", IT: "Peso"},
	"Сокращение":      {EN: "Short", IT: "Abbreviazione"},
	"Множественное":   {EN: "Plural", IT: "Plurale"},
	// Its cells' words.
	"нет":              {EN: "no", IT: "no"},
	"выбор":            {EN: "choice", IT: "scelta"},
	"выбор нескольких": {EN: "multiple choice", IT: "scelta multipla"},
	"не применимо":     {EN: "not applicable", IT: "non applicabile"},
	"направление":      {EN: "direction", IT: "direzione"},
	"условие":          {EN: "condition", IT: "condizione"},
	"баллы":            {EN: "points", IT: "punti"},
	"больше":           {EN: "above", IT: "oltre"},
	// Its notes on «Сведения».
	"код модели, латиницей":            {EN: "the model's code, in Latin letters", IT: "codice del modello, in lettere latine"},
	"версия модели":                    {EN: "the model's version", IT: "versione del modello"},
	"название":                         {EN: "title", IT: "titolo"},
	"источник: методика, письмо, дата": {EN: "source: methodology, letter, date", IT: "fonte: metodologia, lettera, data"},
	"язык модели: ru, en, it":          {EN: "the model's language: ru, en, it", IT: "lingua del modello: ru, en, it"},
	"общий уровень: sum (по сумме баллов), mean_of_components (по среднему процентов компонентов), min_component_level (по наименьшему уровню компонентов)": {
		EN: "overall level: sum (by the sum of points), mean_of_components (by the mean of the components' percents), min_component_level (by the lowest component level)",
		IT: "livello complessivo: sum (somma dei punti), mean_of_components (media delle percentuali delle componenti), min_component_level (livello più basso delle componenti)"},

	// Template sheets and columns.
	"Инструкция": {EN: "Instructions", IT: "Istruzioni"},
	"Школа":      {EN: "Respondent", IT: "Rispondente"},
	"Ответы":     {EN: "Answers", IT: "Risposte"},
	"Школы":      {EN: "Respondents", IT: "Rispondenti"},
	"Списки":     {EN: "Lists", IT: "Elenchi"},
	"Поле":       {EN: "Field", IT: "Campo"},
	"Значение":   {EN: "Value", IT: "Valore"},
	"№":          {EN: "No", IT: "N."},
	"Показатель оценивания":       {EN: "Question", IT: "Domanda"},
	"Критический":                 {EN: "Critical", IT: "Critico"},
	"Ответ":                       {EN: "Answer", IT: "Risposta"},
	"Комментарий / подтверждение": {EN: "Comment / evidence", IT: "Commento / evidenza"},
	"Допустимые ответы":           {EN: "Allowed answers", IT: "Risposte ammesse"},
	"да":                          {EN: "yes", IT: "sì"},
	" (критический показатель)":   {EN: " (critical indicator)", IT: " (indicatore critico)"},

	// The respondent's fields.
	"Наименование ОО":     {EN: "Name", IT: "Nome"},
	"Код ОО":              {EN: "Code", IT: "Codice"},
	"Муниципалитет":       {EN: "Municipality", IT: "Comune"},
	"Год":                 {EN: "Year", IT: "Anno"},
	"Дата заполнения":     {EN: "Date filled", IT: "Data di compilazione"},
	"Программы":           {EN: "Programmes", IT: "Programmi"},
	"Обучающиеся с ОВЗ":   {EN: "Pupils with special needs", IT: "Alunni con bisogni speciali"},
	"Коррекционная школа": {EN: "Special school", IT: "Scuola speciale"},

	// Cell hints and checks.
	"Введите дату в виде ДД.ММ.ГГГГ, например 15.05.2025.": {EN: "Enter the date as DD.MM.YYYY, for example 15.05.2025.",
		IT: "Inserire la data come GG.MM.AAAA, ad esempio 15.05.2025."},
	"Когда заполнена анкета, ДД.ММ.ГГГГ: из двух анкет одной школы учитывается более поздняя.": {
		EN: "When the questionnaire was filled in, DD.MM.YYYY: of two questionnaires of one respondent the later one counts.",
		IT: "Quando è stato compilato il questionario, GG.MM.AAAA: di due questionari dello stesso rispondente conta il più recente."},
	"Несколько ответов": {EN: "Several answers", IT: "Più risposte"},
	"Несколько ответов пишутся через «;» — каждый из списка.": {EN: "Several answers are separated by «;», each from the list.",
		IT: "Più risposte si separano con «;», ciascuna dall'elenco."},
	"Показатель %s": {EN: "Indicator %s", IT: "Indicatore %s"},
	"Выберите из списка или впишите несколько через «;»: %s": {EN: "Choose from the list or type several separated by «;»: %s",
		IT: "Scegliere dall'elenco o scriverne più d'una separate da «;»: %s"},
	"Недопустимый ответ":           {EN: "Answer not allowed", IT: "Risposta non ammessa"},
	"Выберите ответ из списка.":    {EN: "Choose an answer from the list.", IT: "Scegliere una risposta dall'elenco."},
	"Выберите ответ из списка: %s": {EN: "Choose an answer from the list: %s", IT: "Scegliere una risposta dall'elenco: %s"},
	"Введите %s.":                  {EN: "Enter %s.", IT: "Inserire %s."},
	"Недопустимое значение":        {EN: "Value not allowed", IT: "Valore non ammesso"},
	"Нужно %s.":                    {EN: "Expected: %s.", IT: "Atteso: %s."},

	// What an indicator accepts.
	"целое число": {EN: "whole number", IT: "numero intero"},
	"число":       {EN: "number", IT: "numero"},
	" от %s":      {EN: " from %s", IT: " da %s"},
	" до %s":      {EN: " to %s", IT: " a %s"},
	" или «%s»":   {EN: " or «%s»", IT: " o «%s»"},
	" — один или несколько через «;»": {EN: " — one or several separated by «;»", IT: " — una o più separate da «;»"},

	// The templates' instructions.
	"Самодиагностика: шаблон ответов": {EN: "Self-assessment: answer template", IT: "Autovalutazione: modello di risposta"},
	"Модель: %s, версия %s — %s":      {EN: "Model: %s, version %s — %s", IT: "Modello: %s, versione %s — %s"},
	"Источник модели: %s":             {EN: "Model source: %s", IT: "Fonte del modello: %s"},
	"1. На листе «Школа» заполните наименование, код ОО, муниципалитет, год, дату заполнения (ДД.ММ.ГГГГ) и профиль школы (программы, ОВЗ, коррекционная школа) — из списков.": {
		EN: "1. On the «Respondent» sheet fill in the name, code, municipality, year, the date filled in (DD.MM.YYYY) and the school's profile (programmes, special needs, special school) from the lists.",
		IT: "1. Nel foglio «Rispondente» compilare nome, codice, comune, anno, data di compilazione (GG.MM.AAAA) e profilo della scuola (programmi, bisogni speciali, scuola speciale) dagli elenchi."},
	"1. На листе «Школа» заполните наименование, код, муниципалитет, год и дату заполнения (ДД.ММ.ГГГГ).": {
		EN: "1. On the «Respondent» sheet fill in the name, code, municipality, year and the date filled in (DD.MM.YYYY).",
		IT: "1. Nel foglio «Rispondente» compilare nome, codice, comune, anno e data di compilazione (GG.MM.AAAA)."},
	"2. На листе «Ответы» выберите ответ на каждый показатель из списка в столбце «Ответ» или введите число (подсказка появится в ячейке).": {
		EN: "2. On the «Answers» sheet choose the answer to each indicator from the list in the «Answer» column or type a number (a hint appears in the cell).",
		IT: "2. Nel foglio «Risposte» scegliere la risposta a ogni indicatore dall'elenco nella colonna «Risposta» o inserire un numero (un suggerimento appare nella cella)."},
	"3. Критические показатели отмечены в столбце «Критический»: 0 баллов по ним понижает уровень.": {
		EN: "3. Critical indicators are marked in the «Critical» column: 0 points on one lowers the level.",
		IT: "3. Gli indicatori critici sono segnati nella colonna «Critico»: 0 punti su uno abbassano il livello."},
	"   В столбце «%s» можно пояснить ответ или указать подтверждающий документ: на баллы это не влияет.": {
		EN: "   In the «%s» column you may explain an answer or name the document that supports it: it does not change the points.",
		IT: "   Nella colonna «%s» si può spiegare la risposta o indicare il documento che la sostiene: non cambia i punti."},
	"4. Показатели, которые не относятся к школе по её профилю, можно оставить пустыми.": {
		EN: "4. Indicators that do not apply to the school by its profile may be left empty.",
		IT: "4. Gli indicatori che non si applicano alla scuola per il suo profilo possono restare vuoti."},
	"5. Не переименовывайте листы и столбцы. Сохраните файл как «Книга Excel (.xlsx)» и передайте координатору.": {
		EN: "5. Do not rename the sheets or columns. Save the file as an Excel workbook (.xlsx) and hand it to the coordinator.",
		IT: "5. Non rinominare fogli e colonne. Salvare il file come cartella di lavoro Excel (.xlsx) e consegnarlo al coordinatore."},
	"Проверка: selfdiag score ИМЯ_ФАЙЛА.xlsx": {EN: "Check: selfdiag score FILE.xlsx", IT: "Verifica: selfdiag score FILE.xlsx"},
	"1. На листе «Школы» каждая строка — одна школа: наименование, код ОО, муниципалитет, год, дата заполнения (ДД.ММ.ГГГГ), профиль, затем ответы по столбцам показателей.": {
		EN: "1. On the «Respondents» sheet each row is one school: name, code, municipality, year, date filled in (DD.MM.YYYY), profile, then the answers in the indicators' columns.",
		IT: "1. Nel foglio «Rispondenti» ogni riga è una scuola: nome, codice, comune, anno, data di compilazione (GG.MM.AAAA), profilo, poi le risposte nelle colonne degli indicatori."},
	"1. На листе «Школы» каждая строка — одна школа: наименование, код, муниципалитет, год, дата заполнения (ДД.ММ.ГГГГ), затем ответы по столбцам показателей.": {
		EN: "1. On the «Respondents» sheet each row is one respondent: name, code, municipality, year, date filled in (DD.MM.YYYY), then the answers in the indicators' columns.",
		IT: "1. Nel foglio «Rispondenti» ogni riga è un rispondente: nome, codice, comune, anno, data di compilazione (GG.MM.AAAA), poi le risposte nelle colonne degli indicatori."},
	"2. Заголовок столбца показателя начинается с его номера; не меняйте заголовки. Рядом с каждым ответом — столбец для комментария или подтверждающего документа (на баллы не влияет).": {
		EN: "2. An indicator's column header starts with its number; do not change the headers. Beside each answer is a column for a comment or a supporting document (it does not change the points).",
		IT: "2. L'intestazione della colonna di un indicatore inizia con il suo numero; non modificare le intestazioni. Accanto a ogni risposta c'è una colonna per un commento o un documento di supporto (non cambia i punti)."},
	"3. Ответы выбирайте из списков или вводите числа (подсказки в ячейках).": {
		EN: "3. Choose answers from the lists or type numbers (hints in the cells).",
		IT: "3. Scegliere le risposte dagli elenchi o inserire numeri (suggerimenti nelle celle)."},
	"Проверка и сводка: selfdiag batch ИМЯ_ФАЙЛА.xlsx": {EN: "Check and summary: selfdiag batch FILE.xlsx", IT: "Verifica e riepilogo: selfdiag batch FILE.xlsx"},
}
